//! A handful of subcommands: parsed by hand to keep the binary lean.

use std::path::PathBuf;

pub const USAGE: &str = "\
usage:
  ringside replay <scenario-file> [--reveal-numbers]
      Plays a scenario through the core and prints each phase, the
      \"Do not log the call\" checkbox and the final logging decision.
  ringside run --demo [--scenario FILE] [--calls N] [--speed X] [--db PATH]
                      [--no-crm] [--reveal-numbers]
      Runs the engine with the demo softphone and prints calls as they
      happen, playing the built-in demo day (or FILE) in a loop. --calls
      stops after N ended calls; --speed 10 plays 10x faster. Calls
      Ringside logs are written as Tasks to the built-in sandbox CRM
      (kept next to the store), unless --no-crm is given.
      --crm-url URL [--crm-ca PEM] writes to that CRM instead, reading its
      access token and (optionally) refresh token, one per line, from stdin.
      --retry-base-ms / --retry-max-ms tune the retry backoff;
      --settle-secs N waits up to N s for the outbox before exiting.
  ringside run --baresip ADDR --dial-domain HOST [--auto-answer] [--calls N]
               [--db PATH] [--no-crm | --crm-url URL [--crm-ca PEM]] [--reveal-numbers]
      Runs the engine on a real baresip softphone: ADDR is its ctrl_tcp_listen
      address (e.g. 127.0.0.1:4444); numbers are dialled at sip:NUMBER@HOST.
      Prints calls as they happen and logs them to the CRM as with --demo.
      --auto-answer answers every ringing call (unattended lines, load tests).
  ringside run --acd URL --agent ID [--auto-answer] [--calls N] [--db PATH] [...]
      Runs the engine on a contact-centre platform's ACD event socket
      (docs/ACD-PROTOCOL.md), e.g. ws://127.0.0.1:8765/agent.
  ringside acd-sim [--port N] [--scenario FILE] [--speed X] [--passes N]
      Serves the ACD event socket on 127.0.0.1 (default port 8765) as a
      contact-centre platform would, playing the demo day's calls (or
      FILE's) to every connected Ringside and printing what it sends back.
  ringside sandbox [--port N] [--https-port N] [--db PATH] [--synthetic N]
                   [--licences N]
      Serves the sandbox CRM (Salesforce's REST wire format) on 127.0.0.1
      over HTTP and HTTPS, and prints its URLs, the path of its self-signed
      certificate and a token for the demo agent. 0 picks a free port.
      --synthetic N fills a fresh org with N Contacts and Leads.
      --licences N gives the org N user licences (its daily API allocation
      is 100,000 + 1,000 per licence, as an Enterprise org's).
  ringside relay --nats URL [--crm-url URL [--crm-ca PEM]] [--retention-days N]
                 [--delta-minutes N]
      The org relay for a large contact centre (docs/RELAY.md): copies the
      org's Contacts, Leads and Accounts once, follows their Change Data
      Capture events and publishes every change to NATS JetStream at URL
      (e.g. nats://127.0.0.1:4222), where each desktop follows it instead of
      polling the CRM. Run one per org; a second one waits as a standby.
      Without --crm-url it serves the built-in sandbox; with it, the
      integration user's access and refresh tokens are read from stdin.
      RINGSIDE_NATS_USER and RINGSIDE_NATS_PASSWORD (or RINGSIDE_NATS_TOKEN)
      sign it in to NATS, when the server asks.
      --retention-days (default 7) is how long desktops can catch up by
      replay; --delta-minutes (default 30) how often a delta closes gaps.
  ringside sync [--crm-url URL [--crm-ca PEM]] [--contacts-db PATH] [--region CC]
      Copies the CRM's Contacts, Leads and Person Accounts into the local
      contact store (or brings it up to date), printing progress. Without
      --crm-url it syncs the built-in sandbox; with it, the access and
      refresh tokens are read from stdin. --region sets the default country
      for national numbers (default US).
  ringside help

Phone numbers are redacted unless --reveal-numbers is given.
RINGSIDE_LOG sets the log filter (default: warn); RINGSIDE_DATA_DIR the data folder.";

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Replay { file: String, reveal: bool },
    RunDemo(DemoOptions),
    Sandbox(SandboxOptions),
    Sync(SyncOptions),
    AcdSim(AcdSimOptions),
    Relay(RelayOptions),
}

#[derive(Debug, PartialEq)]
pub struct RelayOptions {
    pub nats: String,
    pub crm_url: Option<String>,
    pub crm_ca: Option<PathBuf>,
    pub retention_days: u32,
    pub delta_minutes: u32,
}

#[derive(Debug, PartialEq)]
pub struct AcdSimOptions {
    pub port: u16,
    pub scenario: Option<PathBuf>,
    pub speed: f64,
    /// Stop after this many passes of the scenario.
    pub passes: Option<u32>,
}

#[derive(Debug, PartialEq)]
pub struct SandboxOptions {
    pub port: u16,
    pub https_port: u16,
    pub db: Option<PathBuf>,
    /// Fill the org with this many Contacts and Leads (load tests).
    pub synthetic: Option<u64>,
    /// The org's user licences (its API allocation follows).
    pub licences: Option<u64>,
}

#[derive(Debug, PartialEq)]
pub struct SyncOptions {
    pub crm_url: Option<String>,
    pub crm_ca: Option<PathBuf>,
    pub contacts_db: Option<PathBuf>,
    pub region: String,
}

#[derive(Debug, PartialEq)]
pub struct DemoOptions {
    pub calls: Option<u32>,
    pub speed: f64,
    pub db: Option<PathBuf>,
    pub scenario: Option<PathBuf>,
    pub reveal: bool,
    /// Run without the built-in sandbox CRM (nothing is written anywhere).
    pub no_crm: bool,
    /// An org (or a separately served sandbox) instead of the built-in one;
    /// its access and refresh tokens are read from stdin, never argv.
    pub crm_url: Option<String>,
    pub crm_ca: Option<PathBuf>,
    pub retry_base_ms: Option<i64>,
    pub retry_max_ms: Option<i64>,
    /// How long to wait for the outbox to drain before exiting.
    pub settle_secs: u64,
    /// A real softphone instead of the demo one.
    pub phone: Option<ringside_engine::phone::PhoneSettings>,
    /// Answer every call that rings.
    pub auto_answer: bool,
}

pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    match args.next().as_deref() {
        None | Some("help" | "--help" | "-h") => Ok(Command::Help),
        Some("replay") => {
            let mut file = None;
            let mut reveal = false;
            for a in args {
                match a.as_str() {
                    "--reveal-numbers" => reveal = true,
                    s if s.starts_with("--") => {
                        return Err(format!("unknown option `{s}` for replay"))
                    }
                    _ if file.is_some() => return Err("replay takes one scenario file".into()),
                    _ => file = Some(a),
                }
            }
            let file = file.ok_or("replay needs a scenario file")?;
            Ok(Command::Replay { file, reveal })
        }
        Some("run") => {
            let mut demo = false;
            let mut opts = DemoOptions {
                calls: None,
                speed: 1.0,
                db: None,
                scenario: None,
                reveal: false,
                no_crm: false,
                crm_url: None,
                crm_ca: None,
                retry_base_ms: None,
                retry_max_ms: None,
                settle_secs: 5,
                phone: None,
                auto_answer: false,
            };
            let (mut baresip, mut dial_domain) = (None, None);
            let (mut acd, mut agent) = (None, None);
            while let Some(a) = args.next() {
                let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
                match a.as_str() {
                    "--demo" => demo = true,
                    "--baresip" => baresip = Some(value("--baresip")?),
                    "--dial-domain" => dial_domain = Some(value("--dial-domain")?),
                    "--auto-answer" => opts.auto_answer = true,
                    "--acd" => acd = Some(value("--acd")?),
                    "--agent" => agent = Some(value("--agent")?),
                    "--reveal-numbers" => opts.reveal = true,
                    "--no-crm" => opts.no_crm = true,
                    "--crm-url" => opts.crm_url = Some(value("--crm-url")?),
                    "--crm-ca" => opts.crm_ca = Some(PathBuf::from(value("--crm-ca")?)),
                    "--retry-base-ms" | "--retry-max-ms" | "--settle-secs" => {
                        let v = value(&a)?;
                        let n: u32 = v
                            .parse()
                            .map_err(|_| format!("{a} takes a whole number, not `{v}`"))?;
                        match a.as_str() {
                            "--retry-base-ms" => opts.retry_base_ms = Some(n.max(1).into()),
                            "--retry-max-ms" => opts.retry_max_ms = Some(n.max(1).into()),
                            _ => opts.settle_secs = n.into(),
                        }
                    }
                    "--calls" => {
                        let v = value("--calls")?;
                        opts.calls = Some(
                            v.parse()
                                .map_err(|_| format!("--calls takes a whole number, not `{v}`"))?,
                        );
                    }
                    "--speed" => {
                        let v = value("--speed")?;
                        let s: f64 = v
                            .parse()
                            .map_err(|_| format!("--speed takes a number, not `{v}`"))?;
                        if !(0.01..=10_000.0).contains(&s) {
                            return Err("--speed must be between 0.01 and 10000".into());
                        }
                        opts.speed = s;
                    }
                    "--db" => opts.db = Some(PathBuf::from(value("--db")?)),
                    "--scenario" => opts.scenario = Some(PathBuf::from(value("--scenario")?)),
                    other => return Err(format!("unknown option `{other}` for run")),
                }
            }
            use ringside_engine::phone::PhoneSettings;
            let phones =
                usize::from(demo) + usize::from(baresip.is_some()) + usize::from(acd.is_some());
            if phones > 1 {
                return Err("choose one softphone: --demo, --baresip or --acd".into());
            }
            let phone = match (baresip, dial_domain, acd, agent) {
                (None, None, None, None) if demo => None,
                (Some(ctrl), Some(dial_domain), None, None) => {
                    Some(PhoneSettings::Baresip { ctrl, dial_domain })
                }
                (None, None, Some(url), Some(agent)) => Some(PhoneSettings::Acd { url, agent }),
                (Some(_), None, ..) => {
                    return Err("--baresip needs --dial-domain (where numbers are dialled)".into())
                }
                (None, Some(_), ..) => return Err("--dial-domain goes with --baresip".into()),
                (_, _, Some(_), None) => {
                    return Err("--acd needs --agent (the agent's id on the platform)".into())
                }
                (_, _, None, Some(_)) => return Err("--agent goes with --acd".into()),
                _ => {
                    return Err("`run` needs a softphone: --demo, --baresip ADDR --dial-domain HOST, or --acd URL --agent ID".into())
                }
            };
            if let Some(phone) = &phone {
                // Each settings field is typed as one flag.
                phone.check().map_err(|e| {
                    let flag = match e.field.as_str() {
                        "ctrl" => "--baresip",
                        "dial_domain" => "--dial-domain",
                        "url" => "--acd",
                        _ => "--agent",
                    };
                    format!("{flag}: {}", e.message)
                })?;
                if opts.scenario.is_some() {
                    return Err("--scenario plays on the demo softphone only".into());
                }
            }
            opts.phone = phone;
            Ok(Command::RunDemo(opts))
        }
        Some("acd-sim") => {
            let mut opts = AcdSimOptions {
                port: 8765,
                scenario: None,
                speed: 1.0,
                passes: None,
            };
            while let Some(a) = args.next() {
                let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
                match a.as_str() {
                    "--port" => {
                        let v = value("--port")?;
                        opts.port = v
                            .parse()
                            .map_err(|_| format!("--port takes a port number, not `{v}`"))?;
                    }
                    "--scenario" => opts.scenario = Some(PathBuf::from(value("--scenario")?)),
                    "--speed" => {
                        let v = value("--speed")?;
                        let s: f64 = v
                            .parse()
                            .map_err(|_| format!("--speed takes a number, not `{v}`"))?;
                        if !(0.01..=10_000.0).contains(&s) {
                            return Err("--speed must be between 0.01 and 10000".into());
                        }
                        opts.speed = s;
                    }
                    "--passes" => {
                        let v = value("--passes")?;
                        opts.passes =
                            Some(v.parse().map_err(|_| {
                                format!("--passes takes a whole number, not `{v}`")
                            })?);
                    }
                    other => return Err(format!("unknown option `{other}` for acd-sim")),
                }
            }
            Ok(Command::AcdSim(opts))
        }
        Some("sandbox") => {
            let mut opts = SandboxOptions {
                port: 8743,
                https_port: 8744,
                db: None,
                synthetic: None,
                licences: None,
            };
            while let Some(a) = args.next() {
                let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
                let port = |v: String, name: &str| {
                    v.parse::<u16>()
                        .map_err(|_| format!("{name} takes a port number, not `{v}`"))
                };
                match a.as_str() {
                    "--port" => opts.port = port(value("--port")?, "--port")?,
                    "--https-port" => {
                        opts.https_port = port(value("--https-port")?, "--https-port")?
                    }
                    "--db" => opts.db = Some(PathBuf::from(value("--db")?)),
                    "--synthetic" => {
                        let v = value("--synthetic")?;
                        opts.synthetic = Some(v.parse().map_err(|_| {
                            format!("--synthetic takes a number of records, not `{v}`")
                        })?);
                    }
                    "--licences" => {
                        let v = value("--licences")?;
                        let n: u64 = v.parse().map_err(|_| {
                            format!("--licences takes a number of user licences, not `{v}`")
                        })?;
                        if !(1..=1_000_000).contains(&n) {
                            return Err("--licences must be between 1 and 1000000".into());
                        }
                        opts.licences = Some(n);
                    }
                    other => return Err(format!("unknown option `{other}` for sandbox")),
                }
            }
            Ok(Command::Sandbox(opts))
        }
        Some("sync") => {
            let mut opts = SyncOptions {
                crm_url: None,
                crm_ca: None,
                contacts_db: None,
                region: "US".into(),
            };
            while let Some(a) = args.next() {
                let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
                match a.as_str() {
                    "--crm-url" => opts.crm_url = Some(value("--crm-url")?),
                    "--crm-ca" => opts.crm_ca = Some(PathBuf::from(value("--crm-ca")?)),
                    "--contacts-db" => {
                        opts.contacts_db = Some(PathBuf::from(value("--contacts-db")?))
                    }
                    "--region" => opts.region = value("--region")?,
                    other => return Err(format!("unknown option `{other}` for sync")),
                }
            }
            Ok(Command::Sync(opts))
        }
        Some("relay") => {
            let mut nats = None;
            let mut opts = RelayOptions {
                nats: String::new(),
                crm_url: None,
                crm_ca: None,
                retention_days: 7,
                delta_minutes: 30,
            };
            while let Some(a) = args.next() {
                let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
                match a.as_str() {
                    "--nats" => nats = Some(value("--nats")?),
                    "--crm-url" => opts.crm_url = Some(value("--crm-url")?),
                    "--crm-ca" => opts.crm_ca = Some(PathBuf::from(value("--crm-ca")?)),
                    "--retention-days" | "--delta-minutes" => {
                        let v = value(&a)?;
                        let n: u32 = v
                            .parse()
                            .map_err(|_| format!("{a} takes a whole number, not `{v}`"))?;
                        let (range, slot) = if a == "--retention-days" {
                            (1..=365, &mut opts.retention_days)
                        } else {
                            (1..=1440, &mut opts.delta_minutes)
                        };
                        if !range.contains(&n) {
                            return Err(format!(
                                "{a} must be between {} and {}",
                                range.start(),
                                range.end()
                            ));
                        }
                        *slot = n;
                    }
                    other => return Err(format!("unknown option `{other}` for relay")),
                }
            }
            let nats = nats.ok_or("relay needs --nats URL (the NATS JetStream server)")?;
            if !(nats.starts_with("nats://") || nats.starts_with("tls://")) {
                return Err(format!(
                    "--nats takes a nats:// or tls:// address, e.g. nats://127.0.0.1:4222, not `{nats}`"
                ));
            }
            if opts.crm_ca.is_some() && opts.crm_url.is_none() {
                return Err("--crm-ca goes with --crm-url".into());
            }
            opts.nats = nats;
            Ok(Command::Relay(opts))
        }
        Some(other) => Err(format!("unknown command `{other}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Command, String> {
        parse(s.split_whitespace().map(String::from))
    }

    #[test]
    fn parses_the_commands() {
        assert_eq!(p(""), Ok(Command::Help));
        assert_eq!(
            p("replay a.txt"),
            Ok(Command::Replay {
                file: "a.txt".into(),
                reveal: false
            })
        );
        assert_eq!(
            p("run --demo --calls 3 --speed 50"),
            Ok(Command::RunDemo(DemoOptions {
                calls: Some(3),
                speed: 50.0,
                db: None,
                scenario: None,
                reveal: false,
                no_crm: false,
                crm_url: None,
                crm_ca: None,
                retry_base_ms: None,
                retry_max_ms: None,
                settle_secs: 5,
                phone: None,
                auto_answer: false,
            }))
        );
        let Ok(Command::RunDemo(o)) =
            p("run --baresip 127.0.0.1:4444 --dial-domain pbx.example.com --auto-answer")
        else {
            panic!("baresip run")
        };
        assert!(o.auto_answer);
        let Ok(Command::RunDemo(acd)) = p("run --acd wss://acd.example.com/agent --agent a-42")
        else {
            panic!("acd run")
        };
        assert_eq!(
            acd.phone,
            Some(ringside_engine::phone::PhoneSettings::Acd {
                url: "wss://acd.example.com/agent".into(),
                agent: "a-42".into()
            })
        );
        assert_eq!(
            p("acd-sim --port 0 --speed 100 --passes 1"),
            Ok(Command::AcdSim(AcdSimOptions {
                port: 0,
                scenario: None,
                speed: 100.0,
                passes: Some(1)
            }))
        );
        assert_eq!(
            p("relay --nats nats://127.0.0.1:4222 --crm-url https://org.example.com --retention-days 3"),
            Ok(Command::Relay(RelayOptions {
                nats: "nats://127.0.0.1:4222".into(),
                crm_url: Some("https://org.example.com".into()),
                crm_ca: None,
                retention_days: 3,
                delta_minutes: 30,
            }))
        );
        let Ok(Command::Sandbox(sb)) = p("sandbox --port 0 --licences 1000") else {
            panic!("sandbox")
        };
        assert_eq!((sb.port, sb.licences), (0, Some(1000)));
        assert_eq!(
            o.phone,
            Some(ringside_engine::phone::PhoneSettings::Baresip {
                ctrl: "127.0.0.1:4444".into(),
                dial_domain: "pbx.example.com".into()
            })
        );
    }

    #[test]
    fn bad_arguments_say_what_is_wrong() {
        let cases = [
            ("replay", "replay needs a scenario file"),
            ("run", "`run` needs a softphone: --demo, --baresip ADDR --dial-domain HOST, or --acd URL --agent ID"),
            ("run --baresip 127.0.0.1:4444", "--baresip needs --dial-domain (where numbers are dialled)"),
            ("run --baresip localhost --dial-domain pbx", "--baresip: baresip's ctrl_tcp_listen address, an IP and port (e.g. 127.0.0.1:4444)"),
            ("run --demo --baresip 127.0.0.1:4444 --dial-domain pbx", "choose one softphone: --demo, --baresip or --acd"),
            ("run --demo --calls many", "--calls takes a whole number, not `many`"),
            ("run --demo --speed 0", "--speed must be between 0.01 and 10000"),
            ("run --acd wss://acd.example.com", "--acd needs --agent (the agent's id on the platform)"),
            ("run --acd https://acd.example.com --agent a", "--acd: the platform's socket address, starting wss:// (or ws://), e.g. wss://acd.example.com/agent"),
            ("dance", "unknown command `dance`"),
            ("relay", "relay needs --nats URL (the NATS JetStream server)"),
            ("relay --nats http://x:4222", "--nats takes a nats:// or tls:// address, e.g. nats://127.0.0.1:4222, not `http://x:4222`"),
            ("relay --nats nats://x --retention-days 0", "--retention-days must be between 1 and 365"),
            ("relay --nats nats://x --delta-minutes soon", "--delta-minutes takes a whole number, not `soon`"),
            ("relay --nats nats://x --crm-ca ca.pem", "--crm-ca goes with --crm-url"),
            ("sandbox --licences 0", "--licences must be between 1 and 1000000"),
        ];
        for (args, want) in cases {
            assert_eq!(p(args), Err(want.to_string()), "{args}");
        }
    }
}
