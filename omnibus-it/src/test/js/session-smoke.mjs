// The official JavaScript Service Bus SDK (@azure/service-bus 7.9.5) against Omnibus: sessions, following the SDK's
// "session" and "advanced/sessionState" samples: messages sent with a sessionId, acceptSession(queue, id) and
// subscribe() on the session receiver, acceptNextSession, getSessionState/setSessionState, renewSessionLock; plus a
// session held elsewhere, no session available, settlement within a session, and what a session queue refuses (a
// message without sessionId, a plain receiver).
//
//   node session-smoke.mjs "<connection string>" <session queue> [--create-queue]
//
// The queue must require sessions. With --create-queue the script creates it (if missing) with the SDK's
// ServiceBusAdministrationClient, through the Omnibus HTTP management API on the endpoint's port (7.9.5 always calls
// https, so a pipeline policy turns that into http, as the emulator's JS sample does): run.sh uses that against the
// packaged server, whose default configuration has no session queue. dev.omnibus.it.js.JsSessionSdkIT creates the
// queue itself and runs this against an EmbeddedBroker.

import assert from "node:assert/strict";
import { ServiceBusAdministrationClient, ServiceBusClient } from "@azure/service-bus";
import {
  assertServiceBusError, connectionStringFrom, ids, receive, receiveExactly, retryOptions, run, withReceiver,
} from "./smoke-support.mjs";

const connectionString = connectionStringFrom(process.argv,
  "node session-smoke.mjs <connection string> <session queue> [--create-queue]");
const queue = process.argv[3] ?? process.env.SESSION_QUEUE_NAME;
if (!queue) {
  console.error("usage: node session-smoke.mjs <connection string> <session queue> [--create-queue]");
  process.exit(2);
}
const createQueue = process.argv.includes("--create-queue");

const client = new ServiceBusClient(connectionString, { retryOptions });
const sender = client.createSender(queue);

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** A session id per check, so checks never see each other's sessions. */
function sessionId(name) {
  return ids(name, 1)[0];
}

/** Sends messages to one session; returns their ids. */
async function sendToSession(session, count, prefix = "m") {
  const sent = ids(prefix, count);
  await sender.sendMessages(sent.map((id, i) => ({ body: { index: i, session }, messageId: id, sessionId: session })));
  return sent;
}

/** Asserts a session holds no message: peek within it through a session receiver. */
async function assertSessionEmpty(session) {
  await withReceiver(client.acceptSession(queue, session), async (receiver) => {
    const left = await receiver.peekMessages(10);
    assert.equal(left.length, 0, `session ${session} should be empty but holds ${left.map((m) => m.messageId)}`);
  });
}

async function ensureSessionQueue() {
  const admin = new ServiceBusAdministrationClient(connectionString);
  admin.pipeline.addPolicy({
    name: "omnibusHttpsToHttp",
    sendRequest: (request, next) => {
      request.url = request.url.replace(/^https:/, "http:");
      request.allowInsecureConnection = true;
      return next(request);
    },
  });
  if (!(await admin.queueExists(queue))) {
    await admin.createQueue(queue, { requiresSession: true });
  }
  const properties = await admin.getQueue(queue);
  assert.equal(properties.requiresSession, true, `${queue} must require sessions`);
}

// ---------------------------------------------------------------------------------------------------------------
// checks

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check("'session' sample: acceptSession(queue, id) and subscribe() receive that session's messages in order",
  async () => {
    const [s1, s2] = [sessionId("session-1"), sessionId("session-2")];
    const sent1 = await sendToSession(s1, 3, "s1");
    const sent2 = await sendToSession(s2, 2, "s2");

    const receiver = await client.acceptSession(queue, s1);
    try {
      assert.equal(receiver.sessionId, s1);
      assert.ok(receiver.sessionLockedUntilUtc > new Date(), "the session lock lies in the future");
      const seen = [];
      const errors = [];
      let done;
      const all = new Promise((resolve) => { done = resolve; });
      const subscription = receiver.subscribe({
        processMessage: async (message) => {
          assert.equal(message.sessionId, s1);
          await receiver.completeMessage(message);
          seen.push(message.messageId);
          if (seen.length === sent1.length) {
            done();
          }
        },
        processError: async (args) => {
          errors.push(`${args.errorSource}: ${args.error.message}`);
        },
      }, { autoCompleteMessages: false });
      try {
        await all;
      } finally {
        await subscription.close();
      }
      assert.deepEqual(seen, sent1, "only session-1's messages, in order");
      assert.deepEqual(errors, []);
    } finally {
      await receiver.close();
    }

    await withReceiver(client.acceptSession(queue, s2), async (receiver) => {
      const got = await receiveExactly(receiver, 2, "session-2 messages");
      assert.deepEqual(got.map((m) => m.messageId), sent2);
      for (const m of got) {
        await receiver.completeMessage(m);
      }
    });
    await assertSessionEmpty(s1);
  });

check("acceptNextSession takes a session that has messages and names it", async () => {
  const s = sessionId("next");
  const sent = await sendToSession(s, 2);
  await withReceiver(client.acceptNextSession(queue), async (receiver) => {
    assert.equal(receiver.sessionId, s, "the only session with messages");
    const got = await receiveExactly(receiver, 2, "messages");
    assert.deepEqual(got.map((m) => m.messageId), sent);
    assert.ok(got.every((m) => m.sessionId === s && m.lockToken));
    for (const m of got) {
      await receiver.completeMessage(m);
    }
  });
});

check("'advanced/sessionState' sample: getSessionState / setSessionState keep state across receivers", async () => {
  const s = sessionId("user-events");
  await sendToSession(s, 2, "event");
  await withReceiver(client.acceptSession(queue, s), async (receiver) => {
    const initial = await receiver.getSessionState();
    assert.ok(initial === null || initial === undefined, `no state at first, got ${JSON.stringify(initial)}`);
    const [first] = await receiveExactly(receiver, 1, "first event");
    const state = { lastProcessed: first.messageId, itemsInCart: ["Milk", "Bread"], count: 1 };
    await receiver.setSessionState(state);
    await receiver.completeMessage(first);
    assert.deepEqual(await receiver.getSessionState(), state);
  });
  await withReceiver(client.acceptSession(queue, s), async (receiver) => {
    const state = await receiver.getSessionState();
    assert.deepEqual(state.itemsInCart, ["Milk", "Bread"], "the state outlives the receiver");
    const [second] = await receiveExactly(receiver, 1, "second event");
    await receiver.setSessionState({ ...state, lastProcessed: second.messageId, count: 2 });
    await receiver.completeMessage(second);
    assert.equal((await receiver.getSessionState()).count, 2);
    await receiver.setSessionState(null);
    assert.equal(await receiver.getSessionState(), null, "state set to null");
  });
});

check("renewSessionLock moves the session lock forward", async () => {
  const s = sessionId("renew");
  await sendToSession(s, 1);
  await withReceiver(client.acceptSession(queue, s, { maxAutoLockRenewalDurationInMs: 0 }), async (receiver) => {
    const before = receiver.sessionLockedUntilUtc;
    const [m] = await receiveExactly(receiver, 1, "message");
    const renewed = await receiver.renewSessionLock();
    assert.ok(renewed instanceof Date, "renewSessionLock answers a Date");
    assert.ok(renewed.getTime() >= before.getTime(), `${before.toISOString()} -> ${renewed.toISOString()}`);
    assert.ok(renewed.getTime() > Date.now() + 5_000, "the renewed lock lies ahead");
    assert.equal(receiver.sessionLockedUntilUtc.getTime(), renewed.getTime(), "the SDK updates sessionLockedUntilUtc");
    await receiver.completeMessage(m);
  });
});

check("within a session: peek, abandon (comes back first), defer + receiveDeferredMessages, dead-letter", async () => {
  const s = sessionId("settle");
  const sent = await sendToSession(s, 3);
  await withReceiver(client.acceptSession(queue, s), async (receiver) => {
    const peeked = await receiver.peekMessages(10);
    assert.deepEqual(peeked.map((m) => m.messageId), sent, "peek sees the session's messages only");
    const [first] = await receiveExactly(receiver, 1, "first");
    await receiver.abandonMessage(first);
    const [again] = await receiveExactly(receiver, 1, "abandoned message again");
    assert.equal(again.messageId, sent[0], "an abandoned message comes back first in its session");
    assert.equal(again.deliveryCount, 1);
    await receiver.deferMessage(again);
    const [second] = await receiveExactly(receiver, 1, "second");
    assert.equal(second.messageId, sent[1]);
    await receiver.deadLetterMessage(second, { deadLetterReason: "Poison", deadLetterErrorDescription: "in a session" });
    const [third] = await receiveExactly(receiver, 1, "third");
    await receiver.completeMessage(third);
    const [deferred] = await receiver.receiveDeferredMessages(again.sequenceNumber);
    assert.equal(deferred.messageId, sent[0]);
    assert.equal(deferred.state, "deferred");
    await receiver.completeMessage(deferred);
    assert.deepEqual(await receiver.peekMessages(10), []);
  });
  await withReceiver(client.createReceiver(queue, { subQueueType: "deadLetter" }), async (dlq) => {
    const [dead] = await receiveExactly(dlq, 1, "dead letter");
    assert.equal(dead.messageId, sent[1]);
    assert.equal(dead.sessionId, s);
    assert.equal(dead.deadLetterReason, "Poison");
    await dlq.completeMessage(dead);
  });
});

check("a session held by one receiver cannot be accepted by another (SessionCannotBeLocked)", async () => {
  const s = sessionId("held");
  await sendToSession(s, 1);
  await withReceiver(client.acceptSession(queue, s), async (holder) => {
    await assertServiceBusError(client.acceptSession(queue, s), "SessionCannotBeLocked");
    const [m] = await receiveExactly(holder, 1, "message");
    await holder.completeMessage(m);
  });
});

check("a message without a sessionId is refused by the session queue; a plain receiver cannot receive", async () => {
  await assert.rejects(sender.sendMessages({ body: "no session", messageId: ids("no-session", 1)[0] }), (err) => {
    assert.match(err.message, /The SessionId was not set on a message/);
    console.log(`  # send without sessionId: ${err.code}: ${err.message}`);
    return true;
  });
  const s = sessionId("plain-receiver");
  await sendToSession(s, 1);
  await withReceiver(client.createReceiver(queue), async (plain) => {
    await assert.rejects(plain.receiveMessages(1, { maxWaitTimeInMs: 3_000 }), (err) => {
      assert.match(err.message, /It is not possible for an entity that requires sessions to create a non-sessionful/);
      console.log(`  # plain receiver on a session queue: ${err.code}: ${err.message}`);
      return true;
    });
  });
  await withReceiver(client.acceptSession(queue, s), async (receiver) => {
    const [m] = await receiveExactly(receiver, 1, "message");
    await receiver.completeMessage(m);
  });
});

check("acceptNextSession with no session available fails within the operation timeout", async () => {
  const quick = new ServiceBusClient(connectionString, { retryOptions: { maxRetries: 0, timeoutInMs: 3_000 } });
  try {
    const started = Date.now();
    const error = await assertServiceBusError(quick.acceptNextSession(queue),
      ["ServiceTimeout", "SessionCannotBeLocked"]);
    const took = Date.now() - started;
    assert.ok(took >= 2_000, `the service waited for a session before answering (${took} ms, ${error.message})`);
    assert.ok(took < 10_000, `and answered within the timeout (${took} ms)`);
    console.log(`  # acceptNextSession without a session: ${error.code} after ${took} ms: ${error.message}`);
  } finally {
    await quick.close();
  }
});

await run(checks, client, `${queue} (sessions)`, async () => {
  if (createQueue) {
    await ensureSessionQueue();
  }
  // A queue left with messages by an earlier run would make acceptNextSession pick the wrong session.
  const peeked = await withReceiver(client.createReceiver(queue, { subQueueType: "deadLetter" }),
    (dlq) => dlq.peekMessages(10));
  assert.equal(peeked.length, 0, `${queue}'s dead-letter queue must start empty`);
});
