//! Turns baresip's call events into Ringside's call signals. baresip names
//! calls by their SIP Call-ID, which stays the same for the whole call, so
//! it is the call's id here too. Outbound calls are Ringside's own dials:
//! the first outgoing event of an unknown call takes the oldest pending
//! dial (for its dialback flag). baresip 1.0.0 sends no hold or resume
//! events, so hold is tracked from Ringside's own commands.

use std::collections::{HashMap, VecDeque};

use ringside_core::{CallId, CallSignal};

use super::protocol::{user_of, CallDirection, Event};

/// Pending dials kept before the oldest is dropped (a dial that never rang).
const MAX_PENDING_DIALS: usize = 8;
/// Calls tracked at once; more means events are for calls that never end.
const MAX_CALLS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Tracked {
    answered: bool,
    held: bool,
    /// The far end's URI, as `listcalls` shows it (it shows no ids).
    peer: String,
}

/// One line of baresip's `listcalls` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub peer: String,
    pub established: bool,
    pub held: bool,
}

/// Parses `listcalls`: `> [line 1]  0:00:01  ESTABLISHED  (on hold)  sip:cust@127.0.0.1:5073`.
pub fn parse_listcalls(data: &str) -> Vec<Listed> {
    data.lines()
        .filter(|l| l.contains("[line "))
        .filter_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let peer = words
                .iter()
                .rev()
                .find(|w| w.contains(':') && !w.starts_with('['))?;
            Some(Listed {
                peer: (*peer).to_string(),
                established: words.contains(&"ESTABLISHED"),
                held: l.contains("(on hold)"),
            })
        })
        .collect()
}

#[derive(Debug, Default)]
pub struct Tracker {
    calls: HashMap<String, Tracked>,
    dials: VecDeque<(String, bool)>,
}

impl Tracker {
    /// Ringside asked baresip to dial `to`.
    pub fn dialing(&mut self, to: &str, dialback: bool) {
        if self.dials.len() == MAX_PENDING_DIALS {
            self.dials.pop_front();
        }
        self.dials.push_back((to.to_string(), dialback));
    }

    /// The signals one event means, in order (none for most media events).
    pub fn on_event(&mut self, e: &Event) -> Vec<(CallId, CallSignal)> {
        let Some(id) = e.id.clone() else {
            return Vec::new();
        };
        let call = CallId(id.clone());
        let uri = e.peer_uri.as_deref().or(e.param.as_deref()).unwrap_or("");
        let peer = user_of(uri).unwrap_or_default();
        let mut out = Vec::new();
        match e.kind.as_str() {
            "CALL_INCOMING" if self.start(&id, uri) => {
                out.push((
                    call,
                    CallSignal::Incoming {
                        from: peer,
                        queue: false,
                        queue_name: None,
                    },
                ));
            }
            "CALL_RINGING" | "CALL_PROGRESS" | "CALL_OUTGOING"
                if e.direction != Some(CallDirection::Incoming)
                    && !self.calls.contains_key(&id) =>
            {
                out.extend(self.outbound(&id, uri));
            }
            "CALL_ESTABLISHED" => {
                if !self.calls.contains_key(&id) {
                    if e.direction == Some(CallDirection::Incoming) {
                        // Answered elsewhere before we saw it ring.
                        if self.start(&id, uri) {
                            out.push((
                                call.clone(),
                                CallSignal::Incoming {
                                    from: peer,
                                    queue: false,
                                    queue_name: None,
                                },
                            ));
                        }
                    } else {
                        out.extend(self.outbound(&id, uri));
                    }
                }
                if let Some(t) = self.calls.get_mut(&id) {
                    if !t.answered {
                        t.answered = true;
                        out.push((call, CallSignal::Answered));
                    }
                }
            }
            "CALL_CLOSED" if self.calls.remove(&id).is_some() => {
                out.push((
                    call,
                    CallSignal::Hangup {
                        reason: e.param.as_deref().and_then(close_reason),
                        by: e.param.as_deref().and_then(closed_by),
                    },
                ));
            }
            _ => {}
        }
        out
    }

    /// Ringside put the call on hold or resumed it (baresip says nothing).
    pub fn set_held(&mut self, id: &CallId, held: bool) -> Option<CallSignal> {
        let t = self.calls.get_mut(&id.0)?;
        if t.held == held || !t.answered {
            return None;
        }
        t.held = held;
        Some(if held {
            CallSignal::Held
        } else {
            CallSignal::Resumed
        })
    }

    /// Brings the calls in line with what `listcalls` says: calls it no
    /// longer lists are over (a missed `CALL_CLOSED`, or baresip restarted),
    /// and hold changed on the phone itself is picked up. `listcalls` has no
    /// ids, so calls are matched by their far end.
    pub fn reconcile(&mut self, listed: &[Listed]) -> Vec<(CallId, CallSignal)> {
        let mut unmatched: Vec<&Listed> = listed.iter().collect();
        let mut out = Vec::new();
        let mut ids: Vec<String> = self.calls.keys().cloned().collect();
        ids.sort();
        for id in ids {
            let Some(t) = self.calls.get_mut(&id) else {
                continue;
            };
            match unmatched.iter().position(|l| l.peer == t.peer) {
                Some(i) => {
                    let l = unmatched.remove(i);
                    if t.answered && l.established && l.held != t.held {
                        t.held = l.held;
                        let s = if l.held {
                            CallSignal::Held
                        } else {
                            CallSignal::Resumed
                        };
                        out.push((CallId(id.clone()), s));
                    }
                }
                None => {
                    self.calls.remove(&id);
                    out.push((
                        CallId(id),
                        CallSignal::Hangup {
                            reason: Some("the softphone no longer has this call".into()),
                            by: None,
                        },
                    ));
                }
            }
        }
        out
    }

    pub fn live(&self) -> usize {
        self.calls.len()
    }

    fn start(&mut self, id: &str, uri: &str) -> bool {
        if self.calls.contains_key(id) || self.calls.len() >= MAX_CALLS {
            return false;
        }
        self.calls.insert(
            id.to_string(),
            Tracked {
                answered: false,
                held: false,
                peer: uri.chars().take(256).collect(),
            },
        );
        true
    }

    fn outbound(&mut self, id: &str, uri: &str) -> Option<(CallId, CallSignal)> {
        let peer = user_of(uri).unwrap_or_default();
        // The dial this call is, by number; else the oldest.
        let i = self
            .dials
            .iter()
            .position(|(to, _)| user_of(to).as_deref() == Some(peer.as_str()) || *to == peer);
        let (to, dialback) = match i.or((!self.dials.is_empty()).then_some(0)) {
            Some(i) => self.dials.remove(i).unwrap_or_default(),
            // Dialled on the phone itself: an outbound call all the same.
            None => (peer, false),
        };
        let to = user_of(&to).unwrap_or(to);
        self.start(id, uri)
            .then(|| (CallId(id.to_string()), CallSignal::Dialing { to, dialback }))
    }
}

/// Who closed the call, where baresip's reason says so.
fn closed_by(param: &str) -> Option<ringside_core::EndedBy> {
    match param.trim() {
        "Connection reset by peer" => Some(ringside_core::EndedBy::FarEnd),
        "Connection reset by user" => Some(ringside_core::EndedBy::Agent),
        _ => None,
    }
}

/// baresip's close reasons are socket errors ("Connection reset by peer"
/// for a far-end hang-up or cancel); the agent reads these in history.
fn close_reason(param: &str) -> Option<String> {
    match param.trim() {
        "" => None,
        "Connection reset by peer" => Some("the other party hung up".into()),
        "Connection reset by user" => Some("hung up here".into()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(
        kind: &str,
        dir: Option<CallDirection>,
        id: Option<&str>,
        peer: &str,
        param: &str,
    ) -> Event {
        Event {
            kind: kind.into(),
            class: Some("call".into()),
            direction: dir,
            peer_uri: Some(peer.into()),
            peer_name: None,
            id: id.map(Into::into),
            param: Some(param.into()),
        }
    }

    const IN: Option<CallDirection> = Some(CallDirection::Incoming);
    const OUT: Option<CallDirection> = Some(CallDirection::Outgoing);
    const PEER: &str = "sip:+13105550100@127.0.0.1:5073";

    fn sig(t: &mut Tracker, e: Event) -> Vec<CallSignal> {
        t.on_event(&e).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn an_inbound_call_rings_is_answered_and_ends() {
        let mut t = Tracker::default();
        let from = "+13105550100".to_string();
        assert_eq!(
            sig(&mut t, ev("CALL_INCOMING", IN, Some("a"), PEER, PEER)),
            [CallSignal::Incoming {
                from,
                queue: false,
                queue_name: None
            }]
        );
        assert_eq!(
            sig(&mut t, ev("CALL_RTPESTAB", IN, Some("a"), PEER, "")),
            []
        );
        assert_eq!(
            sig(&mut t, ev("CALL_ESTABLISHED", IN, Some("a"), PEER, PEER)),
            [CallSignal::Answered]
        );
        assert_eq!(
            sig(&mut t, ev("CALL_ESTABLISHED", IN, Some("a"), PEER, PEER)),
            [],
            "once"
        );
        assert_eq!(
            t.set_held(&CallId("a".into()), true),
            Some(CallSignal::Held)
        );
        assert_eq!(t.set_held(&CallId("a".into()), true), None, "already held");
        assert_eq!(
            t.set_held(&CallId("a".into()), false),
            Some(CallSignal::Resumed)
        );
        assert_eq!(
            sig(
                &mut t,
                ev(
                    "CALL_CLOSED",
                    IN,
                    Some("a"),
                    PEER,
                    "Connection reset by peer"
                )
            ),
            [CallSignal::Hangup {
                reason: Some("the other party hung up".into()),
                by: Some(ringside_core::EndedBy::FarEnd)
            }]
        );
        assert_eq!(
            sig(&mut t, ev("CALL_CLOSED", IN, Some("a"), PEER, "")),
            [],
            "ends once"
        );
        assert_eq!(t.live(), 0);
    }

    #[test]
    fn an_outbound_call_takes_its_dial_and_dialback_flag() {
        let mut t = Tracker::default();
        t.dialing("sip:+13105550100@127.0.0.1:5073", true);
        assert_eq!(
            sig(&mut t, ev("CALL_LOCAL_SDP", None, None, "", "offer")),
            [],
            "no id yet"
        );
        assert_eq!(
            sig(&mut t, ev("CALL_RINGING", OUT, Some("b"), PEER, PEER)),
            [CallSignal::Dialing {
                to: "+13105550100".into(),
                dialback: true
            }]
        );
        assert_eq!(
            sig(&mut t, ev("CALL_ESTABLISHED", OUT, Some("b"), PEER, PEER)),
            [CallSignal::Answered]
        );
        // Answered without a ringing event first: dialing, then answered.
        t.dialing("sip:200@127.0.0.1", false);
        assert_eq!(
            sig(
                &mut t,
                ev("CALL_ESTABLISHED", OUT, Some("c"), "sip:200@127.0.0.1", "")
            ),
            [
                CallSignal::Dialing {
                    to: "200".into(),
                    dialback: false
                },
                CallSignal::Answered
            ]
        );
    }

    #[test]
    fn a_call_that_closes_unanswered_is_a_hangup_before_answer() {
        let mut t = Tracker::default();
        sig(&mut t, ev("CALL_INCOMING", IN, Some("m"), PEER, PEER));
        assert_eq!(
            sig(
                &mut t,
                ev(
                    "CALL_CLOSED",
                    IN,
                    Some("m"),
                    PEER,
                    "Connection reset by user"
                )
            ),
            [CallSignal::Hangup {
                reason: Some("hung up here".into()),
                by: Some(ringside_core::EndedBy::Agent)
            }]
        );
        assert_eq!(t.set_held(&CallId("m".into()), true), None);
    }

    #[test]
    fn listcalls_as_baresip_prints_it() {
        let data = "\n--- Active calls (2) ---\n> [line 1]  0:00:01  ESTABLISHED  (on hold)  sip:cust@127.0.0.1:5073\n  [line 2]  0:00:00  INCOMING  sip:+13105550100@127.0.0.1:5075\n\n";
        assert_eq!(
            parse_listcalls(data),
            [
                Listed {
                    peer: "sip:cust@127.0.0.1:5073".into(),
                    established: true,
                    held: true
                },
                Listed {
                    peer: "sip:+13105550100@127.0.0.1:5075".into(),
                    established: false,
                    held: false
                },
            ]
        );
        assert!(parse_listcalls("\n--- Active calls (0) ---\n\n").is_empty());
    }

    #[test]
    fn reconciling_ends_missing_calls_and_follows_hold_on_the_phone() {
        let mut t = Tracker::default();
        let other = "sip:cust@127.0.0.1:5073";
        sig(&mut t, ev("CALL_INCOMING", IN, Some("x"), PEER, PEER));
        sig(&mut t, ev("CALL_INCOMING", IN, Some("y"), other, other));
        sig(&mut t, ev("CALL_ESTABLISHED", IN, Some("y"), other, other));
        let listed = [Listed {
            peer: other.into(),
            established: true,
            held: true,
        }];
        let mut got = t.reconcile(&listed);
        got.sort_by(|a, b| a.0 .0.cmp(&b.0 .0));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, CallId("x".into()));
        assert!(matches!(got[0].1, CallSignal::Hangup { .. }));
        assert_eq!(got[1], (CallId("y".into()), CallSignal::Held));
        assert_eq!(t.reconcile(&listed), [], "nothing changes twice");
        assert_eq!(t.live(), 1);
    }

    #[test]
    fn unknown_events_and_floods_are_bounded() {
        let mut t = Tracker::default();
        assert_eq!(
            sig(&mut t, ev("SOMETHING_NEW", IN, Some("z"), PEER, "")),
            []
        );
        for i in 0..1000 {
            sig(
                &mut t,
                ev("CALL_INCOMING", IN, Some(&format!("f{i}")), PEER, PEER),
            );
            t.dialing("sip:1@h", false);
        }
        assert_eq!(t.live(), MAX_CALLS);
        assert!(t.dials.len() <= MAX_PENDING_DIALS);
    }
}
