# Why a call was or was not logged, under its badge in history (the engine's own words, by its reason code).
reason-crm-logged-in = the CRM softphone writes the record (you were logged in to the CRM)
reason-companion-logs = Ringside writes the record
reason-companion-logs-checkbox-not-offered = Ringside writes the record (the do-not-log option is switched off)
reason-agent-chose-do-not-log = not logged: you ticked "Do not log the call"
reason-default-do-not-log = not logged: your default is not to log calls
reason-acd-missed-queue-call = the ACD service writes the record (missed queue call, config 1)
reason-acd-inbound-while-logged-out = the ACD service writes the record (inbound call while logged out, config 2)
reason-companion-never-opened-acd-not-allowed = not logged: Ringside was never opened and ACD logging is not allowed
reason-companion-never-opened-no-acd-task-url = not logged: Ringside was never opened and the ACD sent no task URL
reason-service-code = not logged: a feature or service code, not a call to a customer
reason-logged-afterwards = Ringside writes the record (you logged it afterwards)
reason-interrupted = not logged: Ringside stopped during the call
reason-in-progress = in progress
