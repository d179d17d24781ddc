# The CRM connection tab: signing in to a Salesforce org or using the built-in sandbox.

connect-section = CRM connection

## Connected: who is signed in, and disconnecting.

connect-connected = Connected
# $place is the org's address (https://…) or the sandbox's name below; $org is the Salesforce org id.
connect-where = { $place } · org { $org }
# The note is split around the field's API name (Ringside_Call_Id__c, shown as code between the two parts).
connect-no-external-id-before = This org has no
connect-no-external-id-after = external-id field on Task. Ringside looks up each call's Task by CallObject before writing; ask your admin to add the field for the safest retries.
# Asked before disconnecting; calls wait to be logged until a CRM is connected again.
connect-confirm-sandbox = Stop writing to the sandbox? Calls wait in the outbox until you connect again.
connect-confirm-org = Sign out of this org? Ringside revokes its access and deletes the token from the keychain. Calls wait in the outbox until you connect again.
connect-disconnect = Disconnect
connect-keep-connected = Keep connected
# Opens the question above.
connect-disconnect-ask = Disconnect…

## Signing in to a Salesforce org.

connect-org-title = Salesforce org
connect-org-address = Org address
    .placeholder = https://yourcompany.my.salesforce.com
connect-org-address-hint = https://login.salesforce.com, https://test.salesforce.com for a Salesforce sandbox, or your My Domain.
# Salesforce's name for the app record an admin sets up for Ringside.
connect-connected-app = Connected App
# The Connected App's key; the placeholder is Ringside's own default key.
connect-consumer-key = Consumer key
    .placeholder = ringside-desktop
# The local port the browser returns to after sign-in.
connect-callback-port = Callback port on 127.0.0.1
connect-callback-port-invalid = The callback port is a number from 1024 to 65535 (leave it empty for 53682).
connect-sign-in = Sign in with the browser
connect-sign-in-hint = Your browser opens the org's sign-in page. The token is kept in the system keychain only.
# $reason is the engine's explanation, in English.
connect-failed-sign-in = Signing in did not work: { $reason }
connect-failed-sandbox = The built-in CRM did not start: { $reason }
# $error is the system's explanation, in English.
connect-browser-error = The browser did not open: { $error }. Open this address in a browser on this computer to sign in:
connect-finish-in-browser = Finish signing in in your browser. If it did not open, copy this address into one:
connect-sign-in-address = Sign-in address
connect-copy-link = Copy link
connect-copied = Copied

## The built-in sandbox CRM (demo data on this computer).

connect-sandbox-title = Built-in sandbox CRM
connect-sandbox-about = Demo contacts, cases and users on this computer; no account needed.
connect-use-sandbox = Use the sandbox
