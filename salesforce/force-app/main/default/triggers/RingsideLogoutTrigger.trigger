/**
 * Each UI logout LogoutEventStream reports goes on the user's presence row
 * (STATE-2a); see RingsideLogouts.
 */
trigger RingsideLogoutTrigger on LogoutEventStream (after insert) {
    RingsideLogouts.record(Trigger.new);
}
