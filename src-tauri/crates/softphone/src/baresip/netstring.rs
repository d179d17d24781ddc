//! baresip's `ctrl_tcp` frames every message as a netstring, `LEN:BYTES,`.
//! The decoder takes bytes as they arrive, in any split, and yields whole
//! frames. Its memory is bounded by `max_frame`; a bad header or a missing
//! trailing comma is reported and the decoder resynchronises on the next
//! frame start, so one broken message never kills the connection.

/// The largest frame accepted. baresip's events are well under 4 KiB; a
/// `listcalls` answer with many calls stays far below this.
pub const MAX_FRAME: usize = 64 * 1024;

/// Digits in a length header: enough for `MAX_FRAME`, and no more.
const MAX_DIGITS: usize = 7;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("a netstring length must be digits followed by `:`, found byte 0x{0:02x}")]
    BadHeader(u8),
    #[error("a netstring of {0} bytes is larger than the {MAX_FRAME}-byte limit")]
    TooLong(usize),
    #[error("a netstring must end with `,`, found byte 0x{0:02x}")]
    NoComma(u8),
}

/// One decoded item: a frame's payload, or what was wrong with the input.
pub type Decoded = Result<Vec<u8>, FrameError>;

#[derive(Debug)]
enum State {
    /// Reading length digits.
    Header { len: usize, digits: usize },
    /// Reading `remaining` payload bytes.
    Payload { remaining: usize },
    /// Expecting the trailing comma.
    Comma,
    /// After an error: skipping to a byte that can start a header.
    Resync,
    /// Skipping the payload of a frame that is too long.
    Skip { remaining: usize },
    /// The skipped frame's comma (nothing to emit).
    SkipComma,
}

#[derive(Debug)]
pub struct Decoder {
    state: State,
    payload: Vec<u8>,
    max_frame: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new(MAX_FRAME)
    }
}

impl Decoder {
    pub fn new(max_frame: usize) -> Decoder {
        Decoder {
            state: State::Header { len: 0, digits: 0 },
            payload: Vec::new(),
            max_frame: max_frame.min(MAX_FRAME),
        }
    }

    /// Bytes held for an unfinished frame (never more than `max_frame`).
    pub fn buffered(&self) -> usize {
        self.payload.len()
    }

    /// Feeds bytes; every complete frame or error is pushed to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Decoded>) {
        for &b in bytes {
            self.step(b, out);
        }
    }

    fn step(&mut self, b: u8, out: &mut Vec<Decoded>) {
        self.state = match std::mem::replace(&mut self.state, State::Resync) {
            State::Header { len, digits } => match b {
                b'0'..=b'9' if digits < MAX_DIGITS => State::Header {
                    len: len * 10 + usize::from(b - b'0'),
                    digits: digits + 1,
                },
                // Whitespace between frames is tolerated, not an error.
                b'\r' | b'\n' | b' ' | b'\t' if digits == 0 => State::Header { len: 0, digits: 0 },
                b':' if digits > 0 && len > self.max_frame => {
                    out.push(Err(FrameError::TooLong(len)));
                    State::Skip { remaining: len }
                }
                b':' if digits > 0 && len == 0 => {
                    self.payload.clear();
                    State::Comma
                }
                b':' if digits > 0 => {
                    self.payload.clear();
                    self.payload.reserve(len.min(4096));
                    State::Payload { remaining: len }
                }
                other => {
                    out.push(Err(FrameError::BadHeader(other)));
                    State::Resync
                }
            },
            State::Payload { remaining } => {
                self.payload.push(b);
                if remaining == 1 {
                    State::Comma
                } else {
                    State::Payload {
                        remaining: remaining - 1,
                    }
                }
            }
            State::Comma => {
                if b == b',' {
                    out.push(Ok(std::mem::take(&mut self.payload)));
                    State::Header { len: 0, digits: 0 }
                } else {
                    self.payload.clear();
                    out.push(Err(FrameError::NoComma(b)));
                    // This byte may be the next frame's first digit.
                    return self.resync_with(b);
                }
            }
            State::Resync => return self.resync_with(b),
            State::SkipComma => {
                if b == b',' {
                    State::Header { len: 0, digits: 0 }
                } else {
                    out.push(Err(FrameError::NoComma(b)));
                    return self.resync_with(b);
                }
            }
            State::Skip { remaining } => {
                if remaining <= 1 {
                    State::SkipComma
                } else {
                    State::Skip {
                        remaining: remaining - 1,
                    }
                }
            }
        };
    }

    /// Skips until a digit, which starts a new header.
    fn resync_with(&mut self, b: u8) {
        self.payload.clear();
        self.state = if b.is_ascii_digit() {
            State::Header {
                len: usize::from(b - b'0'),
                digits: 1,
            }
        } else {
            State::Resync
        };
    }
}

/// Frames one message.
pub fn encode(payload: &[u8]) -> Vec<u8> {
    let mut out = format!("{}:", payload.len()).into_bytes();
    out.extend_from_slice(payload);
    out.push(b',');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> Vec<Decoded> {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        d.feed(bytes, &mut out);
        out
    }

    #[test]
    fn frames_round_trip_and_split_anywhere() {
        let msgs: [&[u8]; 3] = [br#"{"event":true}"#, b"", b"h\xc3\xa9llo"];
        let wire: Vec<u8> = msgs.iter().flat_map(|m| encode(m)).collect();
        for cut in 0..wire.len() {
            let mut d = Decoder::default();
            let mut out = Vec::new();
            d.feed(&wire[..cut], &mut out);
            d.feed(&wire[cut..], &mut out);
            let got: Vec<Vec<u8>> = out.into_iter().map(Result::unwrap).collect();
            assert_eq!(
                got,
                msgs.iter().map(|m| m.to_vec()).collect::<Vec<_>>(),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn bad_input_is_reported_and_the_next_frame_still_decodes() {
        let table: [(&[u8], FrameError); 4] = [
            (b"x5:hello,", FrameError::BadHeader(b'x')),
            (b"5:hello;", FrameError::NoComma(b';')),
            (b":5:hello,", FrameError::BadHeader(b':')),
            (b"99999999:", FrameError::BadHeader(b'9')),
        ];
        for (bad, err) in table {
            let mut wire = bad.to_vec();
            wire.extend(encode(b"ok"));
            let out = decode_all(&wire);
            assert_eq!(out.first(), Some(&Err(err.clone())), "{bad:?}");
            assert_eq!(
                out.last(),
                Some(&Ok(b"ok".to_vec())),
                "{bad:?} then a good frame"
            );
        }
    }

    #[test]
    fn an_oversized_frame_is_skipped_without_being_held() {
        let mut d = Decoder::new(16);
        let mut out = Vec::new();
        let big = encode(&[b'a'; 1000]);
        d.feed(&big, &mut out);
        assert!(d.buffered() <= 16);
        d.feed(&encode(b"next"), &mut out);
        assert_eq!(
            out,
            vec![Err(FrameError::TooLong(1000)), Ok(b"next".to_vec())]
        );
    }
}
