import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageWire } from '../../bench/storageWire';
import { foreignCardReply } from '../../src/bot/turns/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { Azurite, startAzurite } from '../../tools/azurite';
import { AnalystChat, clickAnswerOf, deliver } from './support/analystChat';
import { blobEnv } from './support/sharedStores';
import { stepOf, walkTo } from './support/walk';

/** The bookkeeping after a reply (confirming it went out and listing its card) ends shortly after the reply arrives. */
const AFTER_REPLY_MS = 500;

/**
 * On Azure Blob storage every round trip is a network call, so a click costs one read and one write
 * (counted at the wire, in front of Azurite): the analyst's record lists the cards posted for them, so
 * another analyst's record is read only for a card it does not list, such as someone else's.
 */

let azurite: Azurite;
let wire: StorageWire;
let connector: FakeConnector;
let bot: BotProcess;

beforeAll(async () => {
  azurite = await startAzurite();
  const endpoint = new URL(/BlobEndpoint=([^;]+)/.exec(azurite.connectionString)![1]);
  wire = await StorageWire.inFrontOf(endpoint);
  connector = await startFakeConnector();
  const env = blobEnv(azurite);
  bot = await startBotProcess({ env: { ...env, AZURE_STORAGE_CONNECTION_STRING: env.AZURE_STORAGE_CONNECTION_STRING.replace(endpoint.host, `127.0.0.1:${wire.port}`) } });
});

afterAll(async () => {
  await bot?.kill();
  await connector?.close();
  await wire?.close();
  await azurite?.dispose();
});

it('a click on your own card reads once and writes once; a click on someone else\'s reads twice and writes nothing', async () => {
  const alice = new AnalystChat(connector);
  const step2 = await walkTo(alice, bot.url, 2);

  const before = wire.snapshot();
  const moved = clickAnswerOf(await deliver(bot.url, alice.click(step2, 'Next')));
  expect(moved.kind === 'card' && stepOf(moved.card)).toBe(3);
  expect(wire.snapshot()).toEqual({ ...before, reads: before.reads + 1, writes: before.writes + 1 });

  const bob = { id: '29:bob-responder', name: 'Bob Responder' };
  const beforeBob = wire.snapshot();
  const refused = clickAnswerOf(await deliver(bot.url, { ...alice.click(step2, 'Next'), from: bob }));
  expect(refused).toEqual({ kind: 'message', text: foreignCardReply(alice.analyst.name) });
  expect(wire.snapshot()).toEqual({ ...beforeBob, reads: beforeBob.reads + 2 });
});

it('a new message reads once, creates once and writes once (its reply is confirmed, and its card listed, with the eTag its save got); the first click on its card reads once too', async () => {
  const chat = new AnalystChat(connector);
  const before = wire.snapshot();
  const onScreen = await chat.sayForCard(bot.url, 'undo');
  await sleep(AFTER_REPLY_MS);
  // Read the record, create it with the reply pending, note the card's owner, confirm the reply.
  expect(wire.snapshot()).toEqual({ ...before, reads: before.reads + 1, creates: before.creates + 1, writes: before.writes + 1 });

  const beforeClick = wire.snapshot();
  const moved = clickAnswerOf(await deliver(bot.url, chat.click(onScreen, 'I have them, continue')));
  expect(moved.kind === 'card' && stepOf(moved.card)).toBe(1);
  expect(wire.snapshot()).toEqual({ ...beforeClick, reads: beforeClick.reads + 1, writes: beforeClick.writes + 1 });
});
