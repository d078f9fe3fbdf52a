// What an application does with the admin client, against Omnibus: namespace info; create, get, update, list
// (in pages), runtime properties and delete of queues, topics, subscriptions and rules; the errors it expects.
// Each check is one assertion group; a failed check is reported and the run goes on.
"use strict";
const assert = require("node:assert/strict");

async function expectError(promise, code, statusCode) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.code, code, `error code (message: ${e.message})`);
    assert.equal(e.statusCode, statusCode, "status code");
    return e;
  }
  assert.fail(`expected ${code}`);
}

async function all(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Runs every check with `check(name, fn)`; names are prefixed with the client's label by the caller. */
async function scenario(admin, p, check) {
  const q = `${p}-orders`;
  const t = `${p}-events`;

  await check("namespace properties", async () => {
    const ns = await admin.getNamespaceProperties();
    assert.equal(ns.name, "sbemulatorns");
    assert.equal(ns.messagingSku, "Standard");
    assert.ok(ns.createdAt instanceof Date && !isNaN(ns.createdAt));
  });

  await check("queue create and get", async () => {
    const created = await admin.createQueue(q, { lockDuration: "PT45S", maxDeliveryCount: 7, userMetadata: "a<b&c",
      defaultMessageTimeToLive: "P1D" });
    assert.equal(created.name, q);
    const got = await admin.getQueue(q);
    assert.equal(got.lockDuration, "PT45S");
    assert.equal(got.maxDeliveryCount, 7);
    assert.equal(got.userMetadata, "a<b&c");
    assert.equal(got.defaultMessageTimeToLive, "P1D");
    assert.equal(got.autoDeleteOnIdle, "P10675199DT2H48M5.4775807S");
    assert.equal(got.status, "Active");
    assert.equal(await admin.queueExists(q), true);
    assert.equal(await admin.queueExists(`${p}-none`), false);
  });

  await check("queue update", async () => {
    const got = await admin.getQueue(q);
    got.maxDeliveryCount = 3;
    got.lockDuration = "PT2M";
    const updated = await admin.updateQueue(got);
    assert.equal(updated.maxDeliveryCount, 3);
    assert.equal((await admin.getQueue(q)).lockDuration, "PT2M");
  });

  await check("queue runtime properties", async () => {
    const rt = await admin.getQueueRuntimeProperties(q);
    assert.equal(rt.name, q);
    assert.equal(rt.totalMessageCount, 0);
    assert.equal(rt.activeMessageCount, 0);
    assert.equal(rt.deadLetterMessageCount, 0);
    assert.ok(rt.createdAt instanceof Date && !isNaN(rt.createdAt));
  });

  await check("queue forwarding target", async () => {
    await admin.createQueue(`${p}-fwd`, { forwardTo: q });
    const fwd = await admin.getQueue(`${p}-fwd`);
    assert.match(fwd.forwardTo, new RegExp(`/${q}$`));
    await admin.deleteQueue(`${p}-fwd`);
  });

  await check("queue list in pages", async () => {
    for (let i = 0; i < 3; i++) await admin.createQueue(`${p}-page-${i}`);
    const pages = await all(admin.listQueues().byPage({ maxPageSize: 2 }));
    assert.ok(pages.length >= 2, `pages: ${pages.length}`);
    const names = pages.flat().map((x) => x.name);
    for (let i = 0; i < 3; i++) assert.ok(names.includes(`${p}-page-${i}`), names.join(","));
    const runtimes = await all(admin.listQueuesRuntimeProperties());
    assert.ok(runtimes.some((r) => r.name === q));
    for (let i = 0; i < 3; i++) await admin.deleteQueue(`${p}-page-${i}`);
  });

  await check("queue errors", async () => {
    await expectError(admin.createQueue(q), "MessageEntityAlreadyExistsError", 409);
    await expectError(admin.getQueue(`${p}-none`), "MessageEntityNotFoundError", 404);
    await expectError(admin.createQueue(`${p}-bad`, { lockDuration: "PT1S" }), "ServiceError", 400);
  });

  await check("topic create, get, update, runtime, list", async () => {
    await admin.createTopic(t, { defaultMessageTimeToLive: "PT1H", maxSizeInMegabytes: 2048 });
    const got = await admin.getTopic(t);
    assert.equal(got.defaultMessageTimeToLive, "PT1H");
    assert.equal(got.maxSizeInMegabytes, 2048);
    got.userMetadata = "topic meta";
    assert.equal((await admin.updateTopic(got)).userMetadata, "topic meta");
    assert.equal(await admin.topicExists(t), true);
    const topics = await all(admin.listTopics());
    assert.ok(topics.some((x) => x.name === t));
    const rt = await admin.getTopicRuntimeProperties(t);
    assert.equal(rt.subscriptionCount, 0);
  });

  await check("subscription with a default rule", async () => {
    await admin.createSubscription(t, "audit", {
      lockDuration: "PT30S",
      defaultRuleOptions: { name: "big", filter: { sqlExpression: "amount > @min", sqlParameters: { "@min": 100 } },
        action: { sqlExpression: "SET priority = 'high'" } },
    });
    const sub = await admin.getSubscription(t, "audit");
    assert.equal(sub.subscriptionName, "audit");
    assert.equal(sub.topicName, t);
    assert.equal(sub.lockDuration, "PT30S");
    const rules = await all(admin.listRules(t, "audit"));
    assert.deepEqual(rules.map((r) => r.name), ["big"]);
    assert.equal(rules[0].filter.sqlExpression, "amount > @min");
    assert.deepEqual(rules[0].filter.sqlParameters, { "@min": 100 });
    assert.equal(rules[0].action.sqlExpression, "SET priority = 'high'");
  });

  await check("subscription update, runtime, list", async () => {
    await admin.createSubscription(t, "plain");
    const sub = await admin.getSubscription(t, "plain");
    sub.maxDeliveryCount = 4;
    assert.equal((await admin.updateSubscription(sub)).maxDeliveryCount, 4);
    const rt = await admin.getSubscriptionRuntimeProperties(t, "plain");
    assert.equal(rt.totalMessageCount, 0);
    assert.equal(rt.subscriptionName, "plain");
    const subs = await all(admin.listSubscriptions(t));
    assert.deepEqual(subs.map((s) => s.subscriptionName).sort(), ["audit", "plain"]);
    assert.equal((await admin.getTopicRuntimeProperties(t)).subscriptionCount, 2);
    const rules = await all(admin.listRules(t, "plain"));
    assert.deepEqual(rules.map((r) => [r.name, r.filter.sqlExpression]), [["$Default", "1=1"]]);
  });

  await check("rules: correlation, get, update, delete", async () => {
    await admin.createRule(t, "plain", "corr", { correlationId: "c-1", subject: "orders",
      applicationProperties: { color: "red", size: 3, gift: true } });
    const rule = await admin.getRule(t, "plain", "corr");
    assert.equal(rule.name, "corr");
    assert.equal(rule.filter.correlationId, "c-1");
    assert.equal(rule.filter.subject, "orders");
    assert.deepEqual(rule.filter.applicationProperties, { color: "red", size: 3, gift: true });
    rule.filter = { sqlExpression: "color = 'blue'" };
    const updated = await admin.updateRule(t, "plain", rule);
    assert.equal(updated.filter.sqlExpression, "color = 'blue'");
    assert.equal(await admin.ruleExists(t, "plain", "corr"), true);
    await admin.deleteRule(t, "plain", "corr");
    assert.equal(await admin.ruleExists(t, "plain", "corr"), false);
  });

  await check("rule errors", async () => {
    const e = await expectError(admin.createRule(t, "plain", "bad", { sqlExpression: "a = = 1" }), "ServiceError", 400);
    assert.match(e.message, /SQL filter expression is invalid/);
    await expectError(admin.createRule(t, "plain", "$Default", { sqlExpression: "1=1" }),
      "MessageEntityAlreadyExistsError", 409);
    await expectError(admin.getRule(t, "plain", "none"), "MessageEntityNotFoundError", 404);
  });

  await check("every topic and subscription option", async () => {
    const o = `${p}-opts`;
    await admin.createQueue(`${o}-target`);
    await admin.createTopic(o, { defaultMessageTimeToLive: "PT2H", maxSizeInMegabytes: 3072,
      requiresDuplicateDetection: true, duplicateDetectionHistoryTimeWindow: "PT4M", autoDeleteOnIdle: "P2D",
      supportOrdering: true, enablePartitioning: true, enableBatchedOperations: false, userMetadata: "topic options",
      status: "Active" });
    const topic = await admin.getTopic(o);
    assert.equal(topic.defaultMessageTimeToLive, "PT2H");
    assert.equal(topic.requiresDuplicateDetection, true);
    assert.equal(topic.duplicateDetectionHistoryTimeWindow, "PT4M");
    assert.equal(topic.autoDeleteOnIdle, "P2D");
    assert.equal(topic.supportOrdering, true);
    assert.equal(topic.enablePartitioning, true);
    assert.equal(topic.enableBatchedOperations, false);
    await admin.createSubscription(o, "full", { lockDuration: "PT40S", maxDeliveryCount: 6, requiresSession: true,
      defaultMessageTimeToLive: "PT30M", deadLetteringOnMessageExpiration: true,
      deadLetteringOnFilterEvaluationExceptions: false, forwardDeadLetteredMessagesTo: `${o}-target`,
      autoDeleteOnIdle: "PT9H", userMetadata: "sub options", status: "ReceiveDisabled" });
    await admin.createSubscription(o, "onward", { forwardTo: `${o}-target` });
    const full = await admin.getSubscription(o, "full");
    assert.equal(full.lockDuration, "PT40S");
    assert.equal(full.maxDeliveryCount, 6);
    assert.equal(full.requiresSession, true);
    assert.equal(full.defaultMessageTimeToLive, "PT30M");
    assert.equal(full.deadLetteringOnMessageExpiration, true);
    assert.equal(full.deadLetteringOnFilterEvaluationExceptions, false);
    assert.match(full.forwardDeadLetteredMessagesTo, new RegExp(`/${o}-target$`));
    assert.equal(full.autoDeleteOnIdle, "PT9H");
    assert.equal(full.userMetadata, "sub options");
    assert.equal(full.status, "ReceiveDisabled");
    assert.match((await admin.getSubscription(o, "onward")).forwardTo, new RegExp(`/${o}-target$`));
    const rt = await admin.listSubscriptionsRuntimeProperties(o);
    const rts = await all(rt);
    assert.deepEqual(rts.map((r) => r.subscriptionName).sort(), ["full", "onward"]);
    await admin.deleteTopic(o);
    await admin.deleteQueue(`${o}-target`);
  });

  await check("deletes", async () => {
    await admin.deleteSubscription(t, "audit");
    assert.equal(await admin.subscriptionExists(t, "audit"), false);
    await admin.deleteTopic(t);
    await admin.deleteQueue(q);
    assert.equal(await admin.topicExists(t), false);
    await expectError(admin.deleteQueue(q), "MessageEntityNotFoundError", 404);
  });
}

module.exports = { scenario };
