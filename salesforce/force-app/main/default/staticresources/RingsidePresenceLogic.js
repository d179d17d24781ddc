/*
 * Ringside Presence: the logic of the console utility component, with no
 * Salesforce API in it, so it runs (and is tested) anywhere. The Aura
 * component hands it the Omni-Channel toolkit, a way to write a report to
 * the agent's Ringside_Presence__c row, and the org's status ids.
 *
 * - A request from Ringside arrives as a change of the agent's row
 *   (Requested_Status__c, Request_Id__c): it is applied once, through the
 *   toolkit; the status change that follows is reported with the request id.
 * - Every other status change (the agent in Omni, a supervisor, a push
 *   timeout, a logout) is reported with Omni's reason.
 * - A request that cannot be applied (no such status, the toolkit refuses)
 *   is reported as OmniToolkitError, with the request id, changing nothing.
 */
(function (root) {
  'use strict';

  var TOOLKIT = 'OmniToolkitStatusChange';
  var FAILED = 'OmniToolkitError';
  var LOGOUT = 'Logout';

  function createBridge(opts) {
    var toolkit = opts.toolkit;
    var report = opts.report;
    var userId = String(opts.userId || '').slice(0, 15);
    var statusIdFor = opts.statusIdFor;
    // Requests being applied, by the status they set: the change to that
    // status is ours (two requests in flight are told apart).
    var pending = {};
    // Requests applied or refused already: never twice.
    var done = {};
    var current = null;

    function mine(row) {
      var user = String((row && (row.User__c || row.User_Key__c)) || '').slice(0, 15);
      return user !== '' && user === userId;
    }

    function apply(api, requestId) {
      if (!requestId || done[requestId]) return Promise.resolve(false);
      done[requestId] = true;
      var statusId = statusIdFor(api);
      if (!statusId) {
        return Promise.resolve(report({ status: current, reason: FAILED, requestId: requestId })).then(function () {
          return false;
        });
      }
      pending[api] = requestId;
      return Promise.resolve(toolkit.setServicePresenceStatus({ statusId: statusId })).then(
        function () {
          return true;
        },
        function () {
          delete pending[api];
          return Promise.resolve(report({ status: current, reason: FAILED, requestId: requestId })).then(function () {
            return false;
          });
        }
      );
    }

    return {
      /** The agent's row as it is when the console opens: a request still unanswered is applied. */
      start: function (row) {
        if (!mine(row)) return Promise.resolve(false);
        current = row.Current_Status__c || null;
        // Only a request newer than the last change: an old one answered
        // and then overtaken by a change by hand is not replayed.
        var newer = !row.Changed_At__c || !row.Requested_At__c || row.Requested_At__c > row.Changed_At__c;
        if (newer && row.Request_Id__c && row.Request_Id__c !== row.Change_Request_Id__c && row.Requested_Status__c) {
          return apply(row.Requested_Status__c, row.Request_Id__c);
        }
        return Promise.resolve(false);
      },

      /** A streaming message about a Ringside_Presence__c row. */
      onRowEvent: function (message) {
        var row = message && message.data && message.data.sobject;
        if (!mine(row) || !row.Requested_Status__c) return Promise.resolve(false);
        if (row.Request_Id__c === row.Change_Request_Id__c) return Promise.resolve(false);
        return apply(row.Requested_Status__c, row.Request_Id__c);
      },

      /** lightning:omniChannelStatusChanged: { statusId, statusApiName, reason }. */
      onStatusChanged: function (params) {
        var reason = (params && params.reason) || 'OmniManualStatusChange';
        var requestId = null;
        current = (params && params.statusApiName) || null;
        if (reason === TOOLKIT && current && pending[current]) {
          requestId = pending[current];
          delete pending[current];
        }
        return report({ status: current, reason: reason, requestId: requestId });
      },

      /** lightning:omniChannelLogout. */
      onLogout: function () {
        current = null;
        pending = {};
        return report({ status: null, reason: LOGOUT, requestId: null });
      },
    };
  }

  var api = { createBridge: createBridge, TOOLKIT: TOOLKIT, FAILED: FAILED, LOGOUT: LOGOUT };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.RingsidePresenceLogic = api;
  }
})(typeof window !== 'undefined' ? window : this);
