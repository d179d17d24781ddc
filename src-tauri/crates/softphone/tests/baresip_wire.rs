#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! baresip's wire under hostile input. The netstring decoder: any bytes in
//! any split never panic and never hold more than the frame limit; valid
//! frames come out whole however the stream is cut. The message parser:
//! any payload gives a message or an error.

use proptest::prelude::*;
use ringside_softphone::baresip::netstring::{encode, Decoder};

fn feed_in_chunks(d: &mut Decoder, bytes: &[u8], cuts: &[usize]) -> Vec<Result<Vec<u8>, String>> {
    let mut out = Vec::new();
    let mut at = 0;
    for c in cuts {
        let end = (at + c).min(bytes.len());
        d.feed(&bytes[at..end], &mut out);
        at = end;
    }
    d.feed(&bytes[at..], &mut out);
    out.into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
}

proptest! {
    #[test]
    fn any_bytes_never_panic_and_memory_stays_bounded(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        cuts in proptest::collection::vec(1usize..64, 0..64),
        limit in 1usize..512,
    ) {
        let mut d = Decoder::new(limit);
        let out = feed_in_chunks(&mut d, &bytes, &cuts);
        prop_assert!(d.buffered() <= limit);
        for frame in out.into_iter().flatten() {
            prop_assert!(frame.len() <= limit);
        }
    }

    #[test]
    fn valid_frames_come_out_whole_in_any_split(
        frames in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..12),
        cuts in proptest::collection::vec(1usize..97, 0..40),
    ) {
        let wire: Vec<u8> = frames.iter().flat_map(|f| encode(f)).collect();
        let mut d = Decoder::default();
        let out = feed_in_chunks(&mut d, &wire, &cuts);
        let got: Vec<Vec<u8>> = out.into_iter().map(|r| r.unwrap()).collect();
        prop_assert_eq!(got, frames);
        prop_assert_eq!(d.buffered(), 0);
    }

    #[test]
    fn after_garbage_a_bad_byte_resynchronises_on_the_next_frame(
        garbage in proptest::collection::vec(any::<u8>().prop_filter("no header end", |b| *b != b':'), 0..200),
        frame in proptest::collection::vec(any::<u8>(), 0..100),
    ) {
        // Without a `:` no frame starts, so one byte that cannot continue a
        // header puts the decoder back at the next frame's start.
        let mut wire = garbage;
        wire.push(b'x');
        wire.extend(encode(&frame));
        let mut d = Decoder::default();
        let out = feed_in_chunks(&mut d, &wire, &[]);
        prop_assert_eq!(out.last().cloned(), Some(Ok(frame)));
    }
}

proptest! {
    /// Whatever arrives inside a frame, parsing answers (an error at worst).
    #[test]
    fn any_payload_parses_or_is_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = ringside_softphone::baresip::protocol::parse(&bytes);
    }

    #[test]
    fn json_objects_with_any_fields_never_panic(
        event in any::<bool>(),
        kind in "[A-Z_]{0,20}",
        id in proptest::option::of("[ -~]{0,40}"),
        junk in "[ -~]{0,40}",
    ) {
        let v = serde_json::json!({"event": event, "type": kind, "id": id, "junk": junk, "param": 5});
        let _ = ringside_softphone::baresip::protocol::parse(v.to_string().as_bytes());
    }
}
