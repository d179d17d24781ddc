"""A mainstream Salesforce client (simple-salesforce), unchanged, against the
sandbox CRM. Run by `cargo test -p ringside-sandbox --test third_party_client
-- --ignored`, which starts the sandbox and passes its URL, token and
certificate in the environment."""

import os
import sys

import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceError,
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
    SalesforceResourceNotFound,
)

url = os.environ["SANDBOX_URL"]
token = os.environ["SANDBOX_TOKEN"]
# Trust the sandbox's local CA. requests lets REQUESTS_CA_BUNDLE override a
# session's `verify`, so set both.
os.environ["REQUESTS_CA_BUNDLE"] = os.environ["SANDBOX_CERT"]
session = requests.Session()
session.verify = os.environ["SANDBOX_CERT"]

sf = Salesforce(instance_url=url, session_id=token, version="59.0", session=session)
passed = failed = 0


def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name}", file=sys.stderr)


created = sf.Contact.create({"FirstName": "Grace", "LastName": "Hopper", "Phone": "+44 20 7946 0018"})
check("create returns success", created["success"] is True and len(created["id"]) == 18)
cid = created["id"]
rec = sf.Contact.get(cid)
check("get returns the record", rec["LastName"] == "Hopper" and rec["attributes"]["type"] == "Contact")
check("update returns 204", sf.Contact.update(cid, {"MobilePhone": "+44 7700 900123"}) == 204)
check("update is visible", sf.Contact.get(cid)["MobilePhone"] == "+44 7700 900123")

for i in range(250):
    sf.Lead.create({"LastName": f"Lead {i:03}", "Company": "Acme", "Phone": f"+1 310 555 {i:04}"})
sf.headers["Sforce-Query-Options"] = "batchSize=200"
page = sf.query("SELECT Id, LastName FROM Lead ORDER BY LastName")
check("query pages", page["totalSize"] == 250 and page["done"] is False and "nextRecordsUrl" in page)
everything = sf.query_all("SELECT Id, LastName FROM Lead ORDER BY LastName")
check("query_all follows nextRecordsUrl", len(everything["records"]) == 250)
check("records keep SELECT order", list(everything["records"][0].keys()) == ["attributes", "Id", "LastName"])

found = sf.search("FIND {02079460018} IN PHONE FIELDS RETURNING Contact(Id, LastName)")
check("SOSL finds a phone in another format", [r["Id"] for r in found["searchRecords"]] == [cid])

status = sf.Task.upsert("Ringside_Call_Id__c/call-42", {"Subject": "Call", "CallDurationInSeconds": 61})
check("upsert creates (201)", status == 201)
found = sf.search("FIND {02079460018} IN PHONE FIELDS RETURNING Contact(Id, LastName)")
check("SOSL finds a phone in another format", [r["Id"] for r in found["searchRecords"]] == [cid])

status = sf.Task.upsert("Ringside_Call_Id__c/call-42", {"Subject": "Call, edited"})
check("upsert updates (200)", status in (200, 204))
found = sf.query("SELECT Id, Subject FROM Task WHERE Ringside_Call_Id__c = 'call-42'")
check("one task after two upserts", found["totalSize"] == 1 and found["records"][0]["Subject"] == "Call, edited")

try:
    sf.Contact.update(cid, {"Colour": "blue"})
    check("INVALID_FIELD raised", False)
except SalesforceMalformedRequest as e:
    check("INVALID_FIELD raised", e.content[0]["errorCode"] == "INVALID_FIELD")

try:
    sf.query("SELEKT Id FROM Contact")
    check("MALFORMED_QUERY raised", False)
except SalesforceMalformedRequest as e:
    check("MALFORMED_QUERY raised", e.content[0]["errorCode"] == "MALFORMED_QUERY")

check("delete returns 204", sf.Contact.delete(cid) == 204)
try:
    sf.Contact.get(cid)
    check("deleted record is gone", False)
except SalesforceResourceNotFound:
    check("deleted record is gone", True)

# Ringside's own objects (the SFDX project), as an agent reads them.
settings = sf.query("SELECT Id, Hold_First_Call__c, Create_Unknown_Callers__c, Sync_Interval_Seconds__c FROM Ringside_Settings__c")
check("the org default row of Ringside's settings", settings["totalSize"] == 1 and settings["records"][0]["Hold_First_Call__c"] == "true" and settings["records"][0]["Create_Unknown_Callers__c"] == "Ring")
codes = sf.query_all("SELECT Id, Name, Active__c FROM Ringside_Disposition__c ORDER BY Sort_Order__c")
check("disposition codes, the retired one kept", len(codes["records"]) == 6 and codes["records"][-1]["Active__c"] is False)
try:
    sf.Ringside_Disposition__c.create({"Name": "Upsell", "Active__c": True, "Sort_Order__c": 7})
    check("an agent cannot add a code", False)
except SalesforceError as e:
    check("an agent cannot add a code", e.content[0]["errorCode"] == "INSUFFICIENT_ACCESS_OR_READONLY")
# One composite request, the second query naming the first one's record.
answer = sf.restful("composite", method="POST", json={"allOrNone": False, "compositeRequest": [
    {"method": "GET", "url": "/services/data/v59.0/query?q=SELECT+Id,ProfileId+FROM+User+WHERE+Username='agent@ringside.sandbox'", "referenceId": "me"},
    {"method": "GET", "url": "/services/data/v59.0/query?q=SELECT+Name+FROM+Profile+WHERE+Id='@{me.records[0].ProfileId}'", "referenceId": "profile"},
]})
parts = {p["referenceId"]: p for p in answer["compositeResponse"]}
check("composite answers each subrequest", parts["me"]["httpStatusCode"] == 200 and parts["profile"]["httpStatusCode"] == 200)
check("composite references resolve", parts["profile"]["body"]["records"][0]["Name"] == "Contact Center Agent")

expired = Salesforce(instance_url=url, session_id="00D000000000001!expired", version="59.0", session=session)
try:
    expired.Contact.get(cid)
    check("INVALID_SESSION_ID raised", False)
except SalesforceExpiredSession:
    check("INVALID_SESSION_ID raised", True)

print(f"simple-salesforce: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
