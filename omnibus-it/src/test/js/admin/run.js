// Runs scenario.js with every official JS admin client against a running Omnibus server and ends with the line
// "N passed, M failed" (exit code 1 when anything failed, 2 for a usage error).
//
//   OMNIBUS_HTTP_PORT=5300 OMNIBUS_JS_MODULES=omnibus-it/target/js-admin/node_modules node run.js
//
// Environment: OMNIBUS_HTTP_PORT (required), OMNIBUS_JS_MODULES (the node_modules install.sh filled; default
// ../../../../target/js-admin/node_modules), OMNIBUS_SAS_KEY_NAME / OMNIBUS_SAS_KEY (default: the emulator's).
"use strict";
const path = require("node:path");
const { adminClients } = require("./clients.js");
const { scenario } = require("./scenario.js");

const env = {
  httpPort: process.env.OMNIBUS_HTTP_PORT,
  modules: process.env.OMNIBUS_JS_MODULES || path.join(__dirname, "../../../../target/js-admin/node_modules"),
  keyName: process.env.OMNIBUS_SAS_KEY_NAME || "RootManageSharedAccessKey",
  key: process.env.OMNIBUS_SAS_KEY || "SAS_KEY_VALUE",
};
if (!env.httpPort) {
  console.error("run.js: set OMNIBUS_HTTP_PORT to the server's HTTP port");
  process.exit(2);
}

(async () => {
  let passed = 0;
  let failed = 0;
  for (const { label, prefix, admin } of adminClients(env)) {
    const check = async (name, fn) => {
      try {
        await fn();
        passed++;
        console.log(`ok - ${label}: ${name}`);
      } catch (e) {
        failed++;
        console.log(`not ok - ${label}: ${name}: ${e && e.stack ? e.stack : e}`);
      }
    };
    await scenario(admin, prefix, check);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
})().catch((e) => {
  console.error("run.js failed:", e);
  process.exit(1);
});
