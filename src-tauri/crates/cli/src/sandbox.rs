use ringside_sandbox::seed::AGENT_USERNAME;
use ringside_sandbox::{Sandbox, SandboxConfig};

use crate::args::SandboxOptions;

pub async fn run(opts: SandboxOptions) -> anyhow::Result<()> {
    let db = match opts.db {
        Some(db) => db,
        None => ringside_engine::paths::data_dir()?.join("sandbox-crm.db"),
    };
    let sandbox = Sandbox::start(SandboxConfig {
        db_path: Some(db.clone()),
        http_port: opts.port,
        https_port: Some(opts.https_port),
        seed: if opts.synthetic.is_some() {
            ringside_sandbox::seed::Seed::UsersOnly
        } else {
            ringside_sandbox::seed::Seed::Demo
        },
        licences: opts.licences,
        ..Default::default()
    })
    .await?;
    if let Some(n) = opts.synthetic {
        let t = std::time::Instant::now();
        let added = ringside_sandbox::synthetic::fill(&sandbox.db, n).await?;
        println!(
            "Seeded {added} Contacts and Leads in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let (token, _) = sandbox.issue_tokens_for(AGENT_USERNAME).await?;
    println!(
        "Sandbox CRM (Salesforce REST wire format), data in {}",
        db.display()
    );
    println!("  http:        {}", sandbox.http_url);
    if let (Some(url), Some(cert)) = (&sandbox.https_url, &sandbox.cert_path) {
        println!("  https:       {url}");
        println!("  certificate: {}", cert.display());
    }
    println!(
        "  sign in as:  {AGENT_USERNAME} / {}",
        ringside_sandbox::oauth::SANDBOX_PASSWORD
    );
    println!("  token:       {token}");
    println!("Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    Ok(())
}
