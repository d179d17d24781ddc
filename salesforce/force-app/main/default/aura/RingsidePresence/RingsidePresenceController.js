({
    onInit: function (cmp, evt, helper) {
        helper.start(cmp);
    },
    onStatusChanged: function (cmp, evt, helper) {
        helper.statusChanged(cmp, evt.getParams());
    },
    onLogout: function (cmp, evt, helper) {
        helper.loggedOut(cmp);
    }
});
