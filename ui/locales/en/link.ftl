# Why the phone is not connected (Settings › Softphone, and the status bar's tooltip). What the platform said may follow, as it came.

## What the network said. Each completes "…: { $cause }" in the sentences below.

link-cause-nothing-listening = nothing is listening at that address
link-cause-no-answer = it did not answer in time
link-cause-cut = the connection was cut
link-cause-address-not-ours = that address is not one this computer can use
link-cause-not-allowed = this computer does not allow the connection
link-cause-no-route = the network cannot reach that address
link-cause-no-such-address = that address does not exist
# $status: the HTTP status code it answered with, e.g. 404.
link-cause-not-an-event-socket = it answered HTTP { $status } instead of opening the event socket (check the address)
link-cause-certificate-refused = its TLS certificate was not accepted
link-cause-not-a-websocket-url = the address is not a ws:// or wss:// URL
link-cause-closed = the connection was closed
link-cause-failed = the connection failed

## The sentences. $address: host and port, or a ws:// URL; $cause: one of the above; $seconds: a number.

link-unreachable-baresip = Cannot reach baresip's control socket at { $address }: { $cause }. Is baresip running, with the ctrl_tcp module loaded and listening there?
link-unreachable-platform = Cannot reach the contact-centre platform at { $address }: { $cause }.
link-lost-baresip = The connection to baresip ended: { $cause }.
link-lost-platform = The connection to the contact-centre platform ended: { $cause }.
link-silent-baresip = No word from baresip for { $seconds } s.
link-silent-platform = No word from the contact-centre platform for { $seconds } s.
# $reason: the platform's own error code, e.g. unknown_agent. Its message follows.
link-refused = The contact-centre platform refused Ringside ({ $reason }):
link-out-of-turn = The contact-centre platform did not answer in its protocol:
link-taken-over = Another program keeps connecting to baresip's control socket, and baresip serves only one: close it.
link-bad-address = The phone's address cannot be used:
