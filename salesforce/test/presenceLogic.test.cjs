// The console component's logic with the Omni toolkit and the row writes
// mocked: run with `node --test salesforce/test`.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createBridge, TOOLKIT, FAILED, LOGOUT } = require('../force-app/main/default/staticresources/RingsidePresenceLogic.js');

const ME = '005000000000001AAA';
const IDS = { Lunch_Break: '0N5000000000004AAA', Available_for_Calls: '0N5000000000001AAA' };

function setup({ refuse = false } = {}) {
  const reports = [];
  const asked = [];
  const toolkit = {
    setServicePresenceStatus: ({ statusId }) => {
      asked.push(statusId);
      return refuse ? Promise.reject(new Error('no')) : Promise.resolve({ statusId });
    },
  };
  const bridge = createBridge({
    toolkit,
    report: (r) => {
      reports.push(r);
      return Promise.resolve();
    },
    userId: ME,
    statusIdFor: (api) => IDS[api],
  });
  return { bridge, reports, asked };
}

const rowEvent = (row) => ({ channel: '/topic/RingsidePresence', data: { event: { type: 'updated' }, sobject: row } });

test('a request is applied once and its status change reported with the request id', async () => {
  const { bridge, reports, asked } = setup();
  const row = { User__c: ME, Requested_Status__c: 'Lunch_Break', Request_Id__c: 'run-1' };
  assert.equal(await bridge.onRowEvent(rowEvent(row)), true);
  assert.deepEqual(asked, [IDS.Lunch_Break]);
  // The same event again (replayed, or the echo of our own report): not again.
  assert.equal(await bridge.onRowEvent(rowEvent(row)), false);
  await bridge.onStatusChanged({ statusId: IDS.Lunch_Break, statusApiName: 'Lunch_Break', reason: TOOLKIT });
  assert.deepEqual(reports, [{ status: 'Lunch_Break', reason: TOOLKIT, requestId: 'run-1' }]);
});

test('changes made in Salesforce are reported with Omni reason and no request id', async () => {
  const { bridge, reports } = setup();
  await bridge.onStatusChanged({ statusApiName: 'Available_for_Calls', reason: 'OmniSupervisorStatusChange' });
  await bridge.onStatusChanged({ statusApiName: 'Lunch_Break', reason: 'OmniPushTimeout' });
  await bridge.onLogout();
  assert.deepEqual(reports, [
    { status: 'Available_for_Calls', reason: 'OmniSupervisorStatusChange', requestId: null },
    { status: 'Lunch_Break', reason: 'OmniPushTimeout', requestId: null },
    { status: null, reason: LOGOUT, requestId: null },
  ]);
});

test('a request for a status the org lacks, or that the toolkit refuses, is reported as failed', async () => {
  const unknown = setup();
  await unknown.bridge.onRowEvent(rowEvent({ User__c: ME, Requested_Status__c: 'No_Such', Request_Id__c: 'r2' }));
  assert.deepEqual(unknown.asked, []);
  assert.deepEqual(unknown.reports, [{ status: null, reason: FAILED, requestId: 'r2' }]);
  const refused = setup({ refuse: true });
  await refused.bridge.onRowEvent(rowEvent({ User__c: ME, Requested_Status__c: 'Lunch_Break', Request_Id__c: 'r3' }));
  assert.deepEqual(refused.reports, [{ status: null, reason: FAILED, requestId: 'r3' }]);
});

test('another agent row, a row without a request, and an answered request are left alone', async () => {
  const { bridge, asked } = setup();
  await bridge.onRowEvent(rowEvent({ User__c: '005000000000009AAA', Requested_Status__c: 'Lunch_Break', Request_Id__c: 'x' }));
  await bridge.onRowEvent(rowEvent({ User__c: ME, Current_Status__c: 'Lunch_Break' }));
  await bridge.onRowEvent(rowEvent({ User__c: ME, Requested_Status__c: 'Lunch_Break', Request_Id__c: 'y', Change_Request_Id__c: 'y' }));
  await bridge.onRowEvent({});
  assert.deepEqual(asked, []);
});

test('a request still unanswered when the console opens is applied then', async () => {
  const { bridge, asked } = setup();
  const row = { User__c: ME.slice(0, 15), Requested_Status__c: 'Available_for_Calls', Request_Id__c: 'r9', Change_Request_Id__c: 'r8' };
  assert.equal(await bridge.start(row), true);
  assert.deepEqual(asked, [IDS.Available_for_Calls]);
  assert.equal(await bridge.start({ ...row, Change_Request_Id__c: 'r9' }), false);
});

test('two requests in flight are told apart by the status each sets', async () => {
  const { bridge, reports } = setup();
  await bridge.onRowEvent(rowEvent({ User__c: ME, Requested_Status__c: 'Lunch_Break', Request_Id__c: 'r5' }));
  await bridge.onRowEvent(rowEvent({ User__c: ME, Requested_Status__c: 'Available_for_Calls', Request_Id__c: 'r6' }));
  await bridge.onStatusChanged({ statusApiName: 'Lunch_Break', reason: TOOLKIT });
  await bridge.onStatusChanged({ statusApiName: 'Available_for_Calls', reason: TOOLKIT });
  assert.deepEqual(reports.map((r) => r.requestId), ['r5', 'r6']);
});

test('an old request overtaken by a change by hand is not replayed when the console opens', async () => {
  const { bridge, asked } = setup();
  const row = {
    User__c: ME, Requested_Status__c: 'Lunch_Break', Request_Id__c: 'r7', Change_Request_Id__c: null,
    Requested_At__c: '2026-12-04T09:00:00.000+0000', Changed_At__c: '2026-12-04T10:00:00.000+0000',
  };
  assert.equal(await bridge.start(row), false);
  assert.deepEqual(asked, []);
});
