// The official JavaScript Service Bus SDK (@azure/service-bus 7.9.5, pinned in package-lock.json) against Omnibus:
// the core queue scenarios, one after another, each asserted with node:assert. The first failure ends the run with
// exit code 1 and says which check failed and why; success prints one line per check and exits 0.
//
//   node queue-smoke.mjs "<connection string>" [queue]
//   SERVICEBUS_CONNECTION_STRING=... QUEUE_NAME=... node queue-smoke.mjs
//
// The connection string is the emulator one (UseDevelopmentEmulator=true, lowercase: the JS SDK compares it
// case-sensitively and otherwise speaks TLS). The queue (default queue.1, which the server's default configuration
// creates) must exist and be empty; every check leaves it empty again, so checks do not see each other's messages.
// run.sh starts a server and runs this; dev.omnibus.it.js.JsSdkIT runs it against an EmbeddedBroker from Maven.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { ServiceBusClient } from "@azure/service-bus";
import {
  assertServiceBusError,
  connectionStringFrom,
  ids,
  receive,
  receiveExactly,
  retryOptions,
  run,
  streamAndComplete,
  withReceiver,
} from "./smoke-support.mjs";

const connectionString = connectionStringFrom(process.argv,
  "node queue-smoke.mjs <connection string> [queue]  (or SERVICEBUS_CONNECTION_STRING)");
const queue = process.argv[3] ?? process.env.QUEUE_NAME ?? "queue.1";

const client = new ServiceBusClient(connectionString, { retryOptions });
const sender = client.createSender(queue);

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** Asserts the queue (or a sub-queue) holds nothing: peek sees active, locked, deferred and scheduled messages. */
async function assertEmpty(options = {}) {
  const peeker = client.createReceiver(queue, options);
  try {
    const left = await peeker.peekMessages(10);
    const where = options.subQueueType ? `${queue}/${options.subQueueType}` : queue;
    assert.equal(left.length, 0, `${where} should be empty but holds ${left.length} message(s): `
      + left.map((m) => `#${m.sequenceNumber} ${m.messageId} (${m.state})`).join(", "));
  } finally {
    await peeker.close();
  }
}

function peekLock(options = {}) {
  return client.createReceiver(queue, { receiveMode: "peekLock", ...options });
}

// ---------------------------------------------------------------------------------------------------------------
// checks

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check("send one message, receive it in PeekLock with its properties, complete it", async () => {
  const [id] = ids("single", 1);
  await sender.sendMessages({
    body: { hello: "omnibus", n: 1 },
    messageId: id,
    correlationId: "corr-1",
    subject: "greeting",
    contentType: "application/json",
    applicationProperties: { text: "x", number: 42, flag: true },
  });
  await withReceiver(peekLock(), async (receiver) => {
    const [m] = await receiveExactly(receiver, 1, "message");
    assert.equal(m.messageId, id);
    assert.deepEqual(m.body, { hello: "omnibus", n: 1 });
    assert.equal(m.correlationId, "corr-1");
    assert.equal(m.subject, "greeting");
    assert.equal(m.contentType, "application/json");
    assert.equal(m.applicationProperties.text, "x");
    assert.equal(m.applicationProperties.number, 42);
    assert.equal(m.applicationProperties.flag, true);
    assert.equal(m.deliveryCount, 0, "first delivery has deliveryCount 0");
    assert.ok(m.lockToken, "a PeekLock message has a lock token");
    assert.ok(m.sequenceNumber !== undefined && m.sequenceNumber.toNumber() > 0, "sequence number assigned");
    assert.ok(m.enqueuedTimeUtc instanceof Date, "enqueuedTimeUtc is a Date");
    assert.ok(m.lockedUntilUtc > new Date(), "the lock lies in the future");
    await receiver.completeMessage(m);
  });
  await assertEmpty();
});

check("send a batch (createMessageBatch + tryAddMessage) and an array; receive all in order", async () => {
  const batchIds = ids("batch", 10);
  const batch = await sender.createMessageBatch();
  assert.ok(batch.maxSizeInBytes > 0, "the batch is sized from the link's max-message-size");
  for (const [i, id] of batchIds.entries()) {
    assert.equal(batch.tryAddMessage({ body: `batch ${i}`, messageId: id }), true, `message ${i} fits the batch`);
  }
  assert.equal(batch.count, 10);
  await sender.sendMessages(batch);
  const arrayIds = ids("array", 5);
  await sender.sendMessages(arrayIds.map((id, i) => ({ body: `array ${i}`, messageId: id })));

  await withReceiver(peekLock(), async (receiver) => {
    const got = await receiveExactly(receiver, 15, "messages");
    assert.deepEqual(got.map((m) => m.messageId), [...batchIds, ...arrayIds], "FIFO order");
    assert.deepEqual(got.map((m) => m.body), [
      ...batchIds.map((_, i) => `batch ${i}`), ...arrayIds.map((_, i) => `array ${i}`)]);
    const seqs = got.map((m) => m.sequenceNumber.toNumber());
    assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]), `sequence numbers increase: ${seqs}`);
    for (const m of got) {
      await receiver.completeMessage(m);
    }
  });
  await assertEmpty();
});

check("many sends in flight at once are each acknowledged (the broker may answer them with one range)", async () => {
  const sent = ids("burst", 100);
  await Promise.all(sent.map((id) => sender.sendMessages({ body: id, messageId: id })));
  await withReceiver(client.createReceiver(queue, { receiveMode: "receiveAndDelete" }), async (receiver) => {
    const got = await receiveExactly(receiver, 100, "messages");
    assert.deepEqual(got.map((m) => m.messageId).sort(), [...sent].sort());
  });
  await assertEmpty();
});

check("ReceiveAndDelete removes messages on delivery", async () => {
  const sent = ids("rad", 3);
  await sender.sendMessages(sent.map((id) => ({ body: id, messageId: id })));
  await withReceiver(client.createReceiver(queue, { receiveMode: "receiveAndDelete" }), async (receiver) => {
    const got = await receiveExactly(receiver, 3, "messages");
    assert.deepEqual(got.map((m) => m.messageId), sent);
    for (const m of got) {
      assert.equal(m.lockToken, undefined, "ReceiveAndDelete messages carry no lock token");
    }
  });
  await assertEmpty();
});

check("abandonMessage redelivers with deliveryCount + 1 and the modified properties", async () => {
  const [id] = ids("abandon", 1);
  await sender.sendMessages({ body: "abandon me", messageId: id, applicationProperties: { original: "yes" } });
  await withReceiver(peekLock(), async (receiver) => {
    const [first] = await receiveExactly(receiver, 1, "message");
    assert.equal(first.messageId, id);
    assert.equal(first.deliveryCount, 0);
    await receiver.abandonMessage(first, { abandonReason: "retry later" });

    const [again] = await receiveExactly(receiver, 1, "redelivered message");
    assert.equal(again.messageId, id, "the abandoned message comes back");
    assert.equal(again.deliveryCount, first.deliveryCount + 1, "deliveryCount incremented by the abandon");
    assert.equal(again.sequenceNumber.toString(), first.sequenceNumber.toString(), "same sequence number");
    assert.notEqual(again.lockToken, first.lockToken, "a new lock");
    assert.equal(again.applicationProperties.original, "yes");
    assert.equal(again.applicationProperties.abandonReason, "retry later", "propertiesToModify applied");
    await receiver.completeMessage(again);
  });
  await assertEmpty();
});

check("deadLetterMessage with reason and description; receive it from the dead-letter sub-queue", async () => {
  const [id] = ids("dlq", 1);
  await sender.sendMessages({ body: "poison", messageId: id });
  let sequenceNumber;
  await withReceiver(peekLock(), async (receiver) => {
    const [m] = await receiveExactly(receiver, 1, "message");
    sequenceNumber = m.sequenceNumber.toString();
    await receiver.deadLetterMessage(m, {
      deadLetterReason: "BadPayload",
      deadLetterErrorDescription: "The payload could not be parsed.",
    });
  });
  await assertEmpty();
  await withReceiver(peekLock({ subQueueType: "deadLetter" }), async (dlq) => {
    const [dead] = await receiveExactly(dlq, 1, "dead letter");
    assert.equal(dead.messageId, id);
    assert.equal(dead.body, "poison");
    assert.equal(dead.deadLetterReason, "BadPayload");
    assert.equal(dead.deadLetterErrorDescription, "The payload could not be parsed.");
    assert.equal(dead.sequenceNumber.toString(), sequenceNumber, "a dead letter keeps its sequence number");
    assert.equal(dead.deadLetterSource, undefined, "no source for a message dead-lettered in its own queue");
    await dlq.completeMessage(dead);
  });
  await assertEmpty({ subQueueType: "deadLetter" });
});

check("deferMessage, then receiveDeferredMessages by sequence number and complete it", async () => {
  const [id] = ids("defer", 1);
  await sender.sendMessages({ body: "later", messageId: id });
  await withReceiver(peekLock(), async (receiver) => {
    const [m] = await receiveExactly(receiver, 1, "message");
    await receiver.deferMessage(m, { deferredBy: "smoke" });
    assert.deepEqual(await receive(receiver, 1, 1_000), [], "a deferred message is not delivered again");

    const deferred = await receiver.receiveDeferredMessages(m.sequenceNumber);
    assert.equal(deferred.length, 1, "one deferred message by its sequence number");
    const [d] = deferred;
    assert.equal(d.messageId, id);
    assert.equal(d.body, "later");
    assert.equal(d.state, "deferred");
    assert.equal(d.applicationProperties.deferredBy, "smoke", "propertiesToModify applied");
    assert.ok(d.lockToken, "a deferred message received in PeekLock is locked");
    await receiver.completeMessage(d);
  });
  await assertEmpty();
});

check("scheduleMessages shows them as scheduled, cancelScheduledMessages removes them, a due one arrives", async () => {
  const farIds = ids("scheduled", 2);
  const inAnHour = new Date(Date.now() + 3_600_000);
  const seqs = await sender.scheduleMessages(farIds.map((id) => ({ body: id, messageId: id })), inAnHour);
  assert.equal(seqs.length, 2, "one sequence number per scheduled message");

  const peeker = client.createReceiver(queue);
  try {
    const peeked = await peeker.peekMessages(10);
    assert.deepEqual(peeked.map((m) => m.messageId), farIds);
    for (const m of peeked) {
      assert.equal(m.state, "scheduled");
      assert.equal(m.scheduledEnqueueTimeUtc?.getTime(), inAnHour.getTime(), "scheduledEnqueueTimeUtc");
    }
    assert.deepEqual(peeked.map((m) => m.sequenceNumber.toString()), seqs.map((s) => s.toString()));
  } finally {
    await peeker.close();
  }
  await sender.cancelScheduledMessages(seqs);
  await assertEmpty();

  const [soonId] = ids("due", 1);
  const [soonSeq] = await sender.scheduleMessages({ body: "due", messageId: soonId }, new Date(Date.now() + 1_500));
  await withReceiver(peekLock(), async (receiver) => {
    const [m] = await receiveExactly(receiver, 1, "scheduled message once due");
    assert.equal(m.messageId, soonId);
    assert.equal(m.sequenceNumber.toString(), soonSeq.toString(), "a scheduled message keeps its sequence number");
    await receiver.completeMessage(m);
  });
  await assertEmpty();
});

check("peekMessages shows messages in order without locking them", async () => {
  const sent = ids("peek", 3);
  await sender.sendMessages(sent.map((id, i) => ({ body: `peek ${i}`, messageId: id })));
  await withReceiver(peekLock(), async (receiver) => {
    const first = await receiver.peekMessages(2);
    assert.deepEqual(first.map((m) => m.messageId), sent.slice(0, 2));
    const rest = await receiver.peekMessages(10);
    assert.deepEqual(rest.map((m) => m.messageId), sent.slice(2), "the next peek continues after the last one");
    for (const m of [...first, ...rest]) {
      assert.equal(m.lockToken, undefined, "peeked messages are not locked");
      assert.equal(m.state, "active");
    }
    const got = await receiveExactly(receiver, 3, "messages after peeking");
    assert.deepEqual(got.map((m) => m.messageId), sent);
    assert.ok(got.every((m) => m.deliveryCount === 0), "peeking is not a delivery");
    for (const m of got) {
      await receiver.completeMessage(m);
    }
  });
  await assertEmpty();
});

check("renewMessageLock extends the lock", async () => {
  const [id] = ids("renew", 1);
  await sender.sendMessages({ body: "hold", messageId: id });
  await withReceiver(peekLock({ maxAutoLockRenewalDurationInMs: 0 }), async (receiver) => {
    const [m] = await receiveExactly(receiver, 1, "message");
    const before = m.lockedUntilUtc.getTime();
    const renewed = await receiver.renewMessageLock(m);
    assert.ok(renewed instanceof Date, "renewMessageLock answers a Date");
    assert.ok(renewed.getTime() >= before, `the lock does not shrink: ${new Date(before).toISOString()} -> ${renewed.toISOString()}`);
    assert.ok(renewed.getTime() > Date.now() + 5_000, "the renewed lock lies ahead");
    assert.equal(m.lockedUntilUtc.getTime(), renewed.getTime(), "the SDK updates lockedUntilUtc");
    await receiver.completeMessage(m);
  });
  await assertEmpty();
});

check("subscribe() streams messages to a handler", async () => {
  const sent = ids("stream", 5);
  await sender.sendMessages(sent.map((id) => ({ body: id, messageId: id })));
  await withReceiver(peekLock(), async (receiver) => {
    const { seen, errors } = await streamAndComplete(receiver, sent.length);
    assert.deepEqual(seen, sent, "every message, in order");
    assert.deepEqual(errors, [], "no errors reported to processError");
  });
  await assertEmpty();
});

check("a missing queue is MessagingEntityNotFound for senders and receivers", async () => {
  const missing = `no-such-queue-${randomUUID().slice(0, 8)}`;
  const missingSender = client.createSender(missing);
  try {
    await assertServiceBusError(missingSender.sendMessages({ body: "nowhere" }), "MessagingEntityNotFound");
  } finally {
    await missingSender.close();
  }
  await withReceiver(client.createReceiver(missing), async (receiver) => {
    await assertServiceBusError(receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 }), "MessagingEntityNotFound");
  });
});

check("a wrong shared access key is UnauthorizedAccess", async () => {
  const wrong = connectionString.replace(/SharedAccessKey=[^;]*/, "SharedAccessKey=not-the-key");
  assert.notEqual(wrong, connectionString);
  const badClient = new ServiceBusClient(wrong, { retryOptions: { ...retryOptions, maxRetries: 0 } });
  try {
    const badSender = badClient.createSender(queue);
    await assertServiceBusError(badSender.sendMessages({ body: "intruder" }), "UnauthorizedAccess");
  } finally {
    await badClient.close();
  }
  await assertEmpty();
});

// ---------------------------------------------------------------------------------------------------------------
// run

await run(checks, client, queue, () => assertEmpty());
