({
    // The Aura side only: Salesforce APIs in, RingsidePresenceLogic decides.
    start: function (cmp) {
        var helper = this;
        var call = function (name, params) {
            return new Promise(function (resolve, reject) {
                var action = cmp.get('c.' + name);
                action.setParams(params || {});
                action.setCallback(helper, function (r) {
                    if (r.getState() === 'SUCCESS') { resolve(r.getReturnValue()); } else { reject(r.getError()); }
                });
                $A.enqueueAction(action);
            });
        };
        call('startup').then($A.getCallback(function (s) {
            var omni = cmp.find('omniToolkit');
            var bridge = window.RingsidePresenceLogic.createBridge({
                toolkit: omni,
                userId: s.userId,
                statusIdFor: function (api) { return s.statusIds[api]; },
                report: function (r) {
                    return call('report', { status: r.status, reason: r.reason, requestId: r.requestId });
                }
            });
            helper.bridge = bridge;
            cmp.set('v.state', 'On');
            bridge.start(s.row || {});
            var channel = '/topic/RingsidePresence';
            cmp.find('empApi').subscribe(channel, -1, $A.getCallback(function (message) {
                bridge.onRowEvent(message);
            }));
        }), $A.getCallback(function () {
            cmp.set('v.state', 'Not set up: ask your admin to deploy Ringside and assign the Ringside Agent permission set');
        }));
    },
    statusChanged: function (cmp, params) {
        if (this.bridge) { this.bridge.onStatusChanged(params); }
    },
    loggedOut: function (cmp) {
        if (this.bridge) { this.bridge.onLogout(); }
    }
});
