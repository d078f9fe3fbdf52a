// The two official JS admin clients, each configured the way Microsoft's emulator guidance says:
//   * @azure/service-bus 7.9.5 (npm "latest") always calls https://host:port, so a pipeline policy rewrites the
//     request to http (the emulator's JS sample does the same; the constructor's additionalPolicies are ignored);
//   * 7.10.0-beta.2 calls http://host:port by itself when the connection string says UseDevelopmentEmulator=true.
"use strict";
const path = require("node:path");

function load(modules, name) {
  return require(path.join(modules, name));
}

function connectionString(host, port, keyName, key) {
  return `Endpoint=sb://${host}:${port};SharedAccessKeyName=${keyName};SharedAccessKey=${key};UseDevelopmentEmulator=true`;
}

/** [{ label, admin }] for every client to test against the HTTP port. */
function adminClients(env) {
  const cs = connectionString("localhost", env.httpPort, env.keyName, env.key);
  const ga = load(env.modules, "sb795");
  const ga795 = new ga.ServiceBusAdministrationClient(cs);
  ga795.pipeline.addPolicy({
    name: "omnibusHttpsToHttp",
    sendRequest: (request, next) => {
      request.url = request.url.replace(/^https:/, "http:");
      request.allowInsecureConnection = true;
      return next(request);
    },
  });
  const beta = load(env.modules, "sb710");
  const native710 = new beta.ServiceBusAdministrationClient(cs);
  return [
    { label: "7.9.5+http-policy", prefix: "js795", admin: ga795 },
    { label: "7.10.0-beta.2", prefix: "js710", admin: native710 },
  ];
}

module.exports = { adminClients, connectionString, load };
