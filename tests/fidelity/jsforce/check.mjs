// jsforce 3, the main JavaScript Salesforce client, unchanged, against the
// sandbox CRM. Run by `cargo test -p ringside-sandbox --test third_party_client
// -- --ignored`, which starts the sandbox and passes its URL, a token, the
// OAuth client and the demo agent's sign-in in the environment, and trusts
// the sandbox's CA through NODE_EXTRA_CA_CERTS.

import jsforce from 'jsforce';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const url = env('SANDBOX_URL');
const token = env('SANDBOX_TOKEN');
const clientId = env('SANDBOX_CLIENT_ID');
const username = env('SANDBOX_USERNAME');
const password = env('SANDBOX_PASSWORD');
// Never opened: the redirect is read from the authorize page's answer.
const redirectUri = 'http://127.0.0.1:53682/callback';

let passed = 0;
let failed = 0;
const check = (name, cond, detail) => {
  if (cond) {
    passed += 1;
  } else {
    failed += 1;
    console.error(`FAIL: ${name}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
  }
};
// A step that throws fails with its error instead of stopping the run.
const step = async (name, fn) => {
  try {
    await fn();
  } catch (e) {
    failed += 1;
    console.error(`FAIL: ${name} threw ${e?.name}: ${e?.message}`);
  }
};
// The errorCode a call fails with, or 'no error'.
const errorOf = async (promise) => {
  try {
    await promise;
    return 'no error';
  } catch (e) {
    return e.errorCode ?? e.name;
  }
};

// jsforce's defaults: API version 50.0, no version given.
const conn = new jsforce.Connection({ instanceUrl: url, accessToken: token });

await step('identity', async () => {
  const me = await conn.identity();
  check('identity() follows the version resource to the identity URL', me.username === username, me);
  check('identity() names the org and user', me.organization_id?.startsWith('00D') && me.user_id?.startsWith('005'), me);
});

await step('limits', async () => {
  const limits = await conn.limits();
  const usage = conn.limitInfo.apiUsage;
  check('limits() has DailyApiRequests', limits.DailyApiRequests?.Max === usage?.limit, limits);
  check(
    'limits() agrees with Sforce-Limit-Info',
    limits.DailyApiRequests?.Remaining === usage.limit - usage.used,
    { limits: limits.DailyApiRequests, usage },
  );
});

// Streaming through jsforce's faye client, as a Node integration listens.
const waitFor = async (cond, ms) => {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return cond();
};
await step('Streaming API: a PushTopic through faye, then replay', async () => {
  const { Replay } = await import('jsforce/lib/api/streaming/extension.js');
  const me = await conn.identity();
  const topic = '/topic/RingsidePresence';
  const seen = [];
  const sub = conn.streaming.topic('RingsidePresence').subscribe((m) => seen.push(m));
  await sub;
  const row = await conn.sobject('Ringside_Presence__c').create({
    Name: 'jsforce', User_Key__c: me.user_id, User__c: me.user_id, Requested_Status__c: 'Lunch_Break', Request_Id__c: 'js-1',
  });
  await waitFor(() => seen.length >= 1, 10000);
  check('a created row arrives as a created event', seen[0]?.event?.type === 'created' && seen[0]?.sobject?.Request_Id__c === 'js-1' && seen[0]?.sobject?.Id === row.id, seen[0]);
  // The sandbox's console component applies the request and reports it.
  await waitFor(() => seen.length >= 2, 10000);
  check('the component\'s report arrives as an update with the selected fields', seen[1]?.event?.type === 'updated' && seen[1]?.sobject?.Change_Reason__c === 'OmniToolkitStatusChange' && seen[1]?.sobject?.Change_Request_Id__c === 'js-1' && seen[1]?.sobject?.Current_Status__c === 'Lunch_Break', seen[1]);
  check('replay ids grow', seen.length === 2 && seen[0].event.replayId < seen[1].event.replayId, seen.map((m) => m.event));
  sub.cancel();
  const client = conn.streaming.createClient([new Replay(topic, -2)]);
  const replayed = [];
  const again = client.subscribe(topic, (m) => replayed.push(m));
  await again;
  await waitFor(() => replayed.length >= 2, 10000);
  check('Replay(-2) delivers what is retained', replayed.length === 2 && replayed[1]?.sobject?.Current_Status__c === 'Lunch_Break', replayed.map((m) => m.event));
  again.cancel();
  client.disconnect();
  conn.streaming._fayeClients?.pushTopic?.disconnect();
});

let graceId;
await step('CRUD', async () => {
  const created = await conn.sobject('Contact').create({ FirstName: 'Grace', LastName: 'Hopper', Phone: '+44 20 7946 0018' });
  check('create succeeds', created.success === true && created.id?.length === 18, created);
  graceId = created.id;
  const rec = await conn.sobject('Contact').retrieve(graceId);
  check('retrieve returns the record', rec.LastName === 'Hopper' && rec.attributes.type === 'Contact', rec);
  const updated = await conn.sobject('Contact').update({ Id: graceId, MobilePhone: '+44 7700 900123' });
  check('update succeeds', updated.success === true && updated.id === graceId, updated);
  const again = await conn.sobject('Contact').retrieve(graceId);
  check('update is visible', again.MobilePhone === '+44 7700 900123' && again.Name === 'Grace Hopper', again);
});

const leadIds = [];
await step('sObject collections', async () => {
  const leads = Array.from({ length: 250 }, (_, i) => ({
    LastName: `Lead ${String(i).padStart(3, '0')}`,
    Company: 'Acme',
    Phone: `+1 310 555 ${String(i).padStart(4, '0')}`,
  }));
  const results = await conn.sobject('Lead').create(leads, { allowRecursive: true });
  check('create many (200 + 50) succeeds', results.length === 250 && results.every((r) => r.success), results.find((r) => !r.success));
  leadIds.push(...results.map((r) => r.id));
  const updated = await conn.sobject('Lead').update(leadIds.slice(0, 3).map((Id) => ({ Id, Status: 'Working' })));
  check('update many succeeds', updated.length === 3 && updated.every((r) => r.success), updated);
  const gone = await conn.sobject('Lead').create({ LastName: 'Gone', Company: 'Acme' });
  await conn.sobject('Lead').destroy(gone.id);
  const many = await conn.sobject('Lead').retrieve([leadIds[0], gone.id, leadIds[1]]);
  check('retrieve many keeps the order', many[0]?.Id === leadIds[0] && many[2]?.Id === leadIds[1], many);
  check('retrieve many has null for a deleted record', many.length === 3 && many[1] === null, many);
  check('retrieve many has every described field', many[0]?.Status === 'Working' && many[0]?.Company === 'Acme', many[0]);
});

await step('query paging', async () => {
  const soql = 'SELECT Id, LastName FROM Lead ORDER BY LastName';
  const headers = { 'Sforce-Query-Options': 'batchSize=200' };
  const first = await conn.query(soql, { headers });
  check('query pages', first.totalSize === 250 && first.done === false && first.records.length === 200, { ...first, records: first.records.length });
  const second = await conn.queryMore(first.nextRecordsUrl, { headers });
  check('queryMore reads the rest', second.done === true && second.records.length === 50, { ...second, records: second.records.length });
  check('pages do not overlap', second.records[0].LastName === 'Lead 200', second.records[0]);
  const all = await conn.query(soql, { headers, autoFetch: true, maxFetch: 1000 });
  check('autoFetch follows nextRecordsUrl', all.records.length === 250, all.records.length);
  check('records keep SELECT order', JSON.stringify(Object.keys(all.records[0])) === '["attributes","Id","LastName"]', all.records[0]);
  const count = await conn.query("SELECT COUNT() FROM Lead WHERE Company = 'Acme'");
  check('COUNT() counts', count.totalSize === 250, count);
});

await step('SOSL', async () => {
  const found = await conn.search('FIND {02079460018} IN PHONE FIELDS RETURNING Contact(Id, LastName)');
  check('search finds a phone in another format', found.searchRecords?.length === 1 && found.searchRecords[0].Id === graceId, found);
});

await step('upsert', async () => {
  const task = conn.sobject('Task');
  const first = await task.upsert({ Ringside_Call_Id__c: 'call-42', Subject: 'Call', CallDurationInSeconds: 61 }, 'Ringside_Call_Id__c');
  check('upsert creates', first.success === true && first.created === true, first);
  const second = await task.upsert({ Ringside_Call_Id__c: 'call-42', Subject: 'Call, edited' }, 'Ringside_Call_Id__c');
  check('upsert updates', second.success === true && second.created === false && second.id === first.id, second);
  const many = await task.upsert(
    [
      { Ringside_Call_Id__c: 'call-43', Subject: 'Second call' },
      { Ringside_Call_Id__c: 'call-42', Subject: 'Call, edited twice' },
    ],
    'Ringside_Call_Id__c',
  );
  check('upsert many creates and updates', many[0]?.created === true && many[1]?.created === false && many[1]?.id === first.id, many);
  const tasks = await conn.query("SELECT Id, Subject FROM Task WHERE Ringside_Call_Id__c = 'call-42'");
  check('one task per external id', tasks.totalSize === 1 && tasks.records[0].Subject === 'Call, edited twice', tasks);
});

await step('describe', async () => {
  const contact = await conn.sobject('Contact').describe();
  const names = contact.fields.map((f) => f.name);
  check('describe lists the fields', names.includes('Id') && names.includes('Phone') && contact.name === 'Contact', names);
  const global = await conn.describeGlobal();
  const objects = global.sobjects.map((o) => o.name);
  check('describeGlobal lists the objects', ['Account', 'Contact', 'Lead', 'Case', 'Task'].every((o) => objects.includes(o)), objects);
  const lead = global.sobjects.find((o) => o.name === 'Lead');
  check('describeGlobal has key prefixes and URLs', lead?.keyPrefix === leadIds[0].slice(0, 3) && lead?.urls?.describe?.endsWith('/sobjects/Lead/describe'), lead);
});

await step('list views', async () => {
  const view = await conn.sobject('ListView').create({
    Name: 'Working leads',
    DeveloperName: 'Working_Leads',
    SobjectType: 'Lead',
    Ringside_Columns__c: 'Name,Company',
    Ringside_Where__c: "Status = 'Working'",
  });
  const list = await conn.sobject('Lead').listviews();
  const found = list.listviews?.find((v) => v.developerName === 'Working_Leads');
  check('listviews() lists the view', found?.id === view.id, list);
  const results = await conn.sobject('Lead').listview(view.id).results();
  check('a list view has its records', results.size === 3 && results.records.length === 3, results);
  const described = await conn.sobject('Lead').listview(view.id).describe();
  check('a list view describes its query', /FROM Lead WHERE Status = 'Working'/.test(described.query), described);
});

await step('recent', async () => {
  const viewed = await conn.sobject('Case').create({ Subject: 'Line down', Status: 'New', LastViewedDate: '2024-03-01T10:00:00.000+0000' });
  const recent = await conn.recent(10);
  check('recent() lists the viewed record', recent.some((r) => r.Id === viewed.id && r.attributes?.type === 'Case'), recent);
  const cases = await conn.recent('Case', 10);
  check('recent(type) reads basic information', cases.length === 1 && cases[0].Id === viewed.id, cases);
});

await step('Bulk API 2.0 query', async () => {
  conn.bulk2.pollInterval = 100;
  const stream = await conn.bulk2.query("SELECT Id, LastName FROM Lead WHERE Company = 'Acme'");
  const records = await new Promise((resolve, reject) => {
    const out = [];
    stream.on('record', (r) => out.push(r));
    stream.on('end', () => resolve(out));
    stream.on('error', reject);
  });
  check('bulk2 query returns every row', records.length === 250, records.length);
  check('bulk2 rows have the selected columns', records.every((r) => r.Id && r.LastName?.startsWith('Lead ')), records[0]);
  check('bulk2 rows are distinct', new Set(records.map((r) => r.Id)).size === 250);
});

await step("Ringside's settings and codes (the SFDX project's objects)", async () => {
  const settings = await conn.query('SELECT Id, Hold_First_Call__c, Create_Unknown_Callers__c FROM Ringside_Settings__c');
  check('the org default row of the settings', settings.totalSize === 1 && settings.records[0].Hold_First_Call__c === 'true', settings);
  const codes = await conn.query('SELECT Id, Name, Active__c FROM Ringside_Disposition__c ORDER BY Sort_Order__c');
  check('six codes, the last retired', codes.totalSize === 6 && codes.records[5].Active__c === false, codes);
  check(
    'an agent cannot add a code',
    (await errorOf(conn.sobject('Ringside_Disposition__c').create({ Name: 'Upsell', Active__c: true, Sort_Order__c: 7 }))) === 'INSUFFICIENT_ACCESS_OR_READONLY',
  );
});

await step('errors', async () => {
  check('a bad query is MALFORMED_QUERY', (await errorOf(conn.query('SELEKT Id FROM Contact'))) === 'MALFORMED_QUERY');
  check('an unknown field is INVALID_FIELD', (await errorOf(conn.query('SELECT Colour FROM Contact'))) === 'INVALID_FIELD');
  const deep = `SELECT Id FROM Contact WHERE ${'('.repeat(5000)}Name = 'x'${')'.repeat(5000)}`;
  check('a hostile nesting is MALFORMED_QUERY', (await errorOf(conn.query(deep))) === 'MALFORMED_QUERY');
  check('an unknown field on update is INVALID_FIELD', (await errorOf(conn.sobject('Contact').update({ Id: graceId, Colour: 'blue' }))) === 'INVALID_FIELD');
  const destroyed = await conn.sobject('Contact').destroy(graceId);
  check('destroy succeeds', destroyed.success === true, destroyed);
  check('a deleted record is NOT_FOUND', (await errorOf(conn.sobject('Contact').retrieve(graceId))) === 'NOT_FOUND');
  const results = await conn.sobject('Lead').destroy(leadIds.slice(0, 5));
  check('destroy many succeeds', results.length === 5 && results.every((r) => r.success), results);
  const expired = new jsforce.Connection({ instanceUrl: url, accessToken: '00D000000000001!expired' });
  check('a bad session is INVALID_SESSION_ID', (await errorOf(expired.query('SELECT Id FROM User'))) === 'INVALID_SESSION_ID');
});

// The authorize page as a browser meets it: a form with hidden fields, which
// the user completes and submits; its answer redirects to the app with a code.
const signIn = async (authUrl) => {
  const page = await fetch(authUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page: ${page.status} ${html}`);
  const form = new URLSearchParams();
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(name, unescape(value));
  }
  form.set('username', username);
  form.set('password', password);
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
  const answer = await fetch(new URL(action, authUrl), { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`authorize answered ${answer.status} without a redirect`);
  return new URL(location);
};

await step('OAuth web-server flow with PKCE (jsforce makes the verifier)', async () => {
  const oauth2 = new jsforce.OAuth2({ loginUrl: url, clientId, redirectUri, useVerifier: true });
  const back = await signIn(oauth2.getAuthorizationUrl({ state: 'xyz', scope: 'api refresh_token' }));
  check('the redirect goes back to the app', back.origin + back.pathname === redirectUri && back.searchParams.get('state') === 'xyz', back.href);
  const signed = new jsforce.Connection({ oauth2, version: '59.0' });
  const userInfo = await signed.authorize(back.searchParams.get('code'));
  check('authorize() gives the user and org', userInfo.id?.startsWith('005') && userInfo.organizationId?.startsWith('00D'), userInfo);
  check('authorize() keeps a refresh token', typeof signed.refreshToken === 'string', signed.refreshToken);
  check('the instance URL is the sandbox', signed.instanceUrl === url, signed.instanceUrl);
  const me = await signed.identity();
  check('identity() reads the token response id', me.user_id === userInfo.id && me.username === username, me);

  // An access token that stops working is refreshed and the call retried.
  let refreshed = 0;
  signed.on('refresh', () => { refreshed += 1; });
  const old = signed.accessToken;
  await oauth2.revokeToken(old);
  const users = await signed.query('SELECT Id FROM User');
  check('a revoked access token is refreshed and the call retried', refreshed === 1 && signed.accessToken !== old && users.totalSize > 0, { refreshed });
  const res = await oauth2.refreshToken(signed.refreshToken);
  check('refreshToken() issues an access token', typeof res.access_token === 'string' && res.instance_url === url, res);
  await oauth2.revokeToken(signed.refreshToken);
  check('a revoked refresh token is invalid_grant', (await errorOf(oauth2.refreshToken(signed.refreshToken))) === 'invalid_grant');
});

await step('OAuth code flow with a verifier passed to authorize()', async () => {
  const { createHash, randomBytes } = await import('node:crypto');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const oauth2 = new jsforce.OAuth2({ loginUrl: url, clientId, redirectUri });
  const back = await signIn(oauth2.getAuthorizationUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
  const code = back.searchParams.get('code');
  const wrong = new jsforce.Connection({ oauth2 });
  check('a wrong verifier is invalid_grant', (await errorOf(wrong.authorize(code, { code_verifier: `${verifier}x` }))) === 'invalid_grant');
  const again = await signIn(oauth2.getAuthorizationUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
  const signed = new jsforce.Connection({ oauth2 });
  const userInfo = await signed.authorize(again.searchParams.get('code'), { code_verifier: verifier });
  check('authorize(code, {code_verifier}) signs in', userInfo.id?.startsWith('005'), userInfo);
  const users = await signed.query('SELECT Id FROM User');
  check('the new session queries', users.totalSize > 0, users);
});

console.log(`jsforce: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
