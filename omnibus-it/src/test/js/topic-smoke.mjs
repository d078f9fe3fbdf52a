// The official JavaScript Service Bus SDK (@azure/service-bus 7.9.5) against Omnibus: topics, subscriptions and the
// rule manager. A topic sender fans out; each subscription receives its own copy; rules made with
// client.createRuleManager(topic, subscription) (createRule with SQL and correlation filters and a SQL rule action,
// listRules, deleteRule) decide what each subscription gets; a subscription has its own dead-letter sub-queue.
//
//   node topic-smoke.mjs "<connection string>" [topic] [subscription-a] [subscription-b] [subscription-c]
//
// Defaults: topic.1 with subscription.1, subscription.2, subscription.3 (the server's default configuration). The
// script sets the rules it needs itself (it first deletes whatever rules the subscriptions have), and leaves the
// subscriptions empty after each check. run.sh runs it against the packaged server; dev.omnibus.it.js.JsTopicSdkIT
// against an EmbeddedBroker.

import assert from "node:assert/strict";
import { ServiceBusClient } from "@azure/service-bus";
import {
  assertServiceBusError, connectionStringFrom, ids, receive, receiveExactly, retryOptions, run, streamAndComplete,
  withReceiver,
} from "./smoke-support.mjs";

const connectionString = connectionStringFrom(process.argv,
  "node topic-smoke.mjs <connection string> [topic] [subscription-a] [subscription-b] [subscription-c]");
const topic = process.argv[3] ?? process.env.TOPIC_NAME ?? "topic.1";
const [subA, subB, subC] = [process.argv[4] ?? "subscription.1", process.argv[5] ?? "subscription.2",
  process.argv[6] ?? "subscription.3"];

const client = new ServiceBusClient(connectionString, { retryOptions });
const sender = client.createSender(topic);

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** The subscription's rule manager (7.9.5 rule managers have no close(): they share the client's connection). */
function rulesOf(subscription) {
  return client.createRuleManager(topic, subscription);
}

/**
 * The subscription's rules. With no rules the service answers 204 and 7.9.5's listRules() then yields one
 * `undefined` (its page function returns undefined, which @azure/core-paging passes on as an element): skipped here.
 */
async function listRules(subscription) {
  const rules = [];
  for await (const rule of rulesOf(subscription).listRules()) {
    if (rule !== undefined) {
      rules.push(rule);
    }
  }
  return rules;
}

async function ruleNames(subscription) {
  return (await listRules(subscription)).map((rule) => rule.name);
}

/** Deletes every rule of the subscription, then creates the given ones: [{ name, filter, action? }]. */
async function setRules(subscription, wanted) {
  const rules = rulesOf(subscription);
  for (const name of await ruleNames(subscription)) {
    await rules.deleteRule(name);
  }
  for (const { name, filter, action } of wanted) {
    if (action) {
      await rules.createRule(name, filter, action);
    } else {
      await rules.createRule(name, filter);
    }
  }
}

const everything = [{ name: "$Default", filter: { sqlExpression: "1=1" } }];

/**
 * Gives every subscription the rules named for it ({ [subscription]: rules }; the others get none, so they receive
 * nothing) and empties it, so a check sees only its own messages.
 */
async function prepare(rulesBySubscription) {
  for (const s of [subA, subB, subC]) {
    await setRules(s, rulesBySubscription[s] ?? []);
    const left = await withReceiver(client.createReceiver(topic, s), (peeker) => peeker.peekMessages(1));
    if (left.length > 0) {
      await drain(s);
    }
  }
}

/** Receives whatever arrives within a short wait, completes it, returns the message ids. */
async function drain(subscription, options = {}) {
  return withReceiver(client.createReceiver(topic, subscription, options), async (receiver) => {
    const got = await receive(receiver, 50, 1_500);
    for (const m of got) {
      await receiver.completeMessage(m);
    }
    return got.map((m) => m.messageId);
  });
}

/** Asserts the subscription (or its dead-letter sub-queue) holds nothing. */
async function assertEmpty(subscription, options = {}) {
  await withReceiver(client.createReceiver(topic, subscription, options), async (peeker) => {
    const left = await peeker.peekMessages(10);
    assert.equal(left.length, 0, `${topic}/${subscription}${options.subQueueType ? "/" + options.subQueueType : ""}`
      + ` should be empty but holds: ${left.map((m) => m.messageId).join(", ")}`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// checks

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check("a topic sender fans out: every subscription receives its own copy of each message, in order", async () => {
  await prepare({ [subA]: everything, [subB]: everything, [subC]: everything });
  const sent = ids("fanout", 3);
  await sender.sendMessages(sent.map((id, i) => ({
    body: { n: i }, messageId: id, subject: "fan-out", applicationProperties: { index: i },
  })));
  for (const s of [subA, subB, subC]) {
    await withReceiver(client.createReceiver(topic, s, { receiveMode: "peekLock" }), async (receiver) => {
      const got = await receiveExactly(receiver, 3, `copies in ${s}`);
      assert.deepEqual(got.map((m) => m.messageId), sent, `${s} gets every message in order`);
      assert.deepEqual(got.map((m) => m.body), [{ n: 0 }, { n: 1 }, { n: 2 }]);
      assert.ok(got.every((m) => m.subject === "fan-out" && m.lockToken), `${s}: properties and locks`);
      assert.equal(got[2].applicationProperties.index, 2);
      for (const m of got) {
        await receiver.completeMessage(m);
      }
    });
    await assertEmpty(s);
  }
});

check("a correlation filter (correlationId, subject, application property) selects only matching messages",
  async () => {
    await prepare({ [subA]: [{
      name: "eu-orders",
      filter: { correlationId: "order-1", subject: "created", applicationProperties: { region: "eu" } },
    }] });
    const [match, wrongRegion, wrongSubject] = ids("corr", 3);
    await sender.sendMessages([
      { body: "x", messageId: wrongRegion, correlationId: "order-1", subject: "created",
        applicationProperties: { region: "us" } },
      { body: "x", messageId: match, correlationId: "order-1", subject: "created",
        applicationProperties: { region: "eu" } },
      { body: "x", messageId: wrongSubject, correlationId: "order-1", subject: "deleted",
        applicationProperties: { region: "eu" } },
    ]);
    assert.deepEqual(await drain(subA), [match]);
  });

check("a SQL filter with a SQL rule action delivers the changed copy; another subscription gets the original",
  async () => {
    await prepare({
      [subB]: [{
        name: "big-red",
        filter: { sqlExpression: "quantity > 10 AND color = 'red'" },
        action: { sqlExpression: "SET quantity = quantity * 2; SET tagged = 'yes'; REMOVE tmp" },
      }],
      [subC]: everything,
    });
    const [big, small] = ids("sql", 2);
    await sender.sendMessages([
      { body: "big", messageId: big, applicationProperties: { quantity: 20, color: "red", tmp: "x" } },
      { body: "small", messageId: small, applicationProperties: { quantity: 5, color: "red" } },
    ]);

    await withReceiver(client.createReceiver(topic, subB), async (receiver) => {
      const [copy] = await receiveExactly(receiver, 1, "changed copy");
      assert.equal(copy.messageId, big);
      assert.equal(copy.applicationProperties.quantity, 40, "SET quantity = quantity * 2");
      assert.equal(copy.applicationProperties.tagged, "yes", "SET tagged");
      assert.equal(copy.applicationProperties.tmp, undefined, "REMOVE tmp");
      assert.equal(copy.applicationProperties.color, "red");
      await receiver.completeMessage(copy);
      assert.deepEqual(await receive(receiver, 1, 1_000), [], "the small message does not match");
    });
    await withReceiver(client.createReceiver(topic, subC), async (receiver) => {
      const originals = await receiveExactly(receiver, 2, "originals");
      assert.deepEqual(originals.map((m) => m.messageId), [big, small]);
      assert.equal(originals[0].applicationProperties.quantity, 20, "the other subscription's copy is unchanged");
      assert.equal(originals[0].applicationProperties.tmp, "x");
      for (const m of originals) {
        await receiver.completeMessage(m);
      }
    });
  });

check("listRules shows each rule as created: SQL filter with its action, correlation filter, true filter",
  async () => {
    await prepare({ [subA]: [
      { name: "sql", filter: { sqlExpression: "color = 'blue'" }, action: { sqlExpression: "SET seen = 1" } },
      { name: "corr", filter: { correlationId: "c-1", contentType: "application/json",
        applicationProperties: { prop1: "value1", n: 7 } } },
      { name: "all", filter: { sqlExpression: "1=1" } },
    ] });
    const listed = await listRules(subA);
    assert.deepEqual(listed.map((r) => r.name), ["sql", "corr", "all"]);
    const [sql, corr, all] = listed;
    assert.equal(sql.filter.sqlExpression, "color = 'blue'");
    assert.equal(sql.action.sqlExpression, "SET seen = 1");
    assert.equal(corr.filter.correlationId, "c-1");
    assert.equal(corr.filter.contentType, "application/json");
    assert.deepEqual(corr.filter.applicationProperties, { prop1: "value1", n: 7 });
    assert.equal(corr.action.sqlExpression, undefined, "a rule without an action lists an empty action");
    assert.equal(all.filter.sqlExpression, "1=1", "the true filter lists as 1=1");
  });

check("deleteRule stops a subscription's copies; deleting an unknown rule, a taken name and bad SQL are errors",
  async () => {
    await prepare({ [subA]: everything });
    const rules = rulesOf(subA);
    await assertServiceBusError(rules.createRule("$Default", { sqlExpression: "1=1" }),
      "MessagingEntityAlreadyExists");
    await assert.rejects(rules.createRule("bad", { sqlExpression: "color = = 'red'" }),
      (err) => /line 1/.test(err.message) || assert.fail(`expected the parser's message, got ${err.message}`));
    await assertServiceBusError(rules.deleteRule("no-such-rule"), "MessagingEntityNotFound");
    await rules.deleteRule("$Default");
    assert.deepEqual(await ruleNames(subA), []);
    const [lost] = ids("norules", 1);
    await sender.sendMessages({ body: "nobody", messageId: lost });
    assert.deepEqual(await drain(subA), [], "a subscription without rules receives nothing");
  });

check("a dead-lettered copy goes to its subscription's dead-letter sub-queue only", async () => {
  await prepare({ [subA]: everything, [subB]: everything });
  const [id] = ids("dlq", 1);
  await sender.sendMessages({ body: "poison", messageId: id });
  await withReceiver(client.createReceiver(topic, subA), async (receiver) => {
    const [m] = await receiveExactly(receiver, 1, "message");
    await receiver.deadLetterMessage(m, { deadLetterReason: "BadPayload", deadLetterErrorDescription: "why" });
  });
  await withReceiver(client.createReceiver(topic, subA, { subQueueType: "deadLetter" }), async (dlq) => {
    const [dead] = await receiveExactly(dlq, 1, "dead letter");
    assert.equal(dead.messageId, id);
    assert.equal(dead.deadLetterReason, "BadPayload");
    assert.equal(dead.deadLetterErrorDescription, "why");
    await dlq.completeMessage(dead);
  });
  await assertEmpty(subA, { subQueueType: "deadLetter" });
  await assertEmpty(subB, { subQueueType: "deadLetter" });
  assert.deepEqual(await drain(subB), [id], "the other subscription's copy is untouched");
});

check("subscribe() on a subscription receiver streams the copies to a handler", async () => {
  await prepare({ [subC]: everything });
  const sent = ids("stream", 4);
  await sender.sendMessages(sent.map((id) => ({ body: id, messageId: id })));
  await withReceiver(client.createReceiver(topic, subC), async (receiver) => {
    const { seen, errors } = await streamAndComplete(receiver, sent.length);
    assert.deepEqual(seen, sent);
    assert.deepEqual(errors, []);
  });
  await assertEmpty(subC);
});

await run(checks, client, `${topic} / ${subA}, ${subB}, ${subC}`);
