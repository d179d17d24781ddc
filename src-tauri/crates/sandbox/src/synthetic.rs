//! A large org for load tests and benchmarks: `n` Contacts and Leads with
//! one or two numbers each in the formats people store, written straight to
//! SQLite in big transactions (the API would take far longer to fill it).

use serde_json::json;
use sqlx::{QueryBuilder, Sqlite};

use crate::db::{reversed_digits, Db};
use crate::ids;
use crate::state::now_ms;

const ROWS_PER_INSERT: usize = 1_000;

/// A US number for record `i` in one of five stored formats. Distinct `i`
/// below 6.4 billion give distinct numbers (the multiplier is coprime with
/// the 800 × 800 × 10,000 numbers of the plan's shape), so matches are as
/// rare as in a real org.
pub fn synthetic_phone(i: u64, variant: u64) -> String {
    const SPACE: u64 = 800 * 800 * 10_000;
    let h = (i % SPACE) * 2_654_435_761 % SPACE;
    let area = 200 + h % 800;
    let exchange = 200 + (h / 800) % 800;
    let line = h / 640_000;
    match variant % 5 {
        0 => format!("({area}) {exchange}-{line:04}"),
        1 => format!("+1 {area} {exchange} {line:04}"),
        2 => format!("{area}.{exchange}.{line:04}"),
        3 => format!("1-{area}-{exchange}-{line:04} x{}", i % 90 + 10),
        _ => format!("{area}{exchange}{line:04}"),
    }
}

/// Adds records until the org holds `n` Contacts and Leads (half each);
/// returns how many it added. Meant for an org seeded with users only.
pub async fn fill(db: &Db, n: u64) -> Result<u64, sqlx::Error> {
    let have: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE sobject IN ('Contact', 'Lead')")
            .fetch_one(&db.pool)
            .await?;
    let start = u64::try_from(have).unwrap_or(0);
    let now = now_ms() - 30 * 86_400_000;
    let mut added = 0;
    let mut i = start;
    while i < n {
        let end = (i + 50_000).min(n);
        let mut tx = db.pool.begin().await?;
        let mut rows = Vec::with_capacity((end - i) as usize);
        for k in i..end {
            let (sobject, prefix) = if k % 2 == 0 {
                ("Contact", "003")
            } else {
                ("Lead", "00Q")
            };
            let n: i64 = sqlx::query_scalar(
                "INSERT INTO id_counters (prefix, last) VALUES (?, 1)
                 ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last",
            )
            .bind(prefix)
            .fetch_one(&mut *tx)
            .await?;
            let id = ids::make_id(prefix, u64::try_from(n).unwrap_or(0));
            let phone = synthetic_phone(k, k);
            let mobile = (k % 2 == 0).then(|| synthetic_phone(k + 7_000_000, k + 1));
            let mut f = json!({"LastName": format!("Caller {k}"), "Name": format!("Caller {k}"), "Phone": phone});
            if let Some(m) = &mobile {
                f["MobilePhone"] = json!(m);
            }
            if sobject == "Lead" {
                f["Company"] = json!(format!("Company {}", k % 5000));
            }
            let at = now + i64::try_from(k).unwrap_or(0);
            rows.push((id, sobject, f.to_string(), at, phone, mobile));
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO records (id, sobject, fields, created_date, system_modstamp) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(&r.0)
                    .push_bind(r.1)
                    .push_bind(&r.2)
                    .push_bind(r.3)
                    .push_bind(r.3);
            });
            q.build().execute(&mut *tx).await?;
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO record_phones (record_id, sobject, field, reversed_digits) ",
            );
            let phones = chunk.iter().flat_map(|r| {
                std::iter::once((&r.0, r.1, "Phone", reversed_digits(&r.4))).chain(
                    r.5.iter()
                        .map(move |m| (&r.0, r.1, "MobilePhone", reversed_digits(m))),
                )
            });
            q.push_values(phones, |mut b, p| {
                b.push_bind(p.0)
                    .push_bind(p.1)
                    .push_bind(p.2)
                    .push_bind(p.3);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        added += end - i;
        i = end;
    }
    Ok(added)
}

const FIRST: [&str; 40] = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "Maria",
    "Juan",
    "Lucia",
    "Hans",
    "Anna",
    "Lukas",
    "Sofia",
    "Ahmed",
    "Fatima",
    "Wei",
    "Mei",
    "Olivia",
    "Noah",
    "Emma",
    "Liam",
    "Ava",
    "Mateo",
    "Chloe",
    "Ethan",
    "Zoe",
    "Leon",
];
const COMMON_LAST: [&str; 30] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Fernández",
    "Pérez",
];
const SYLLABLES: [&str; 30] = [
    "al", "ber", "cor", "dan", "el", "fan", "gor", "hal", "is", "jan", "kel", "lor", "man", "nor",
    "os", "par", "quin", "ros", "san", "tor", "ul", "van", "wes", "xan", "yor", "zel", "bri",
    "dra", "ste", "tha",
];
const ADJECTIVES: [&str; 40] = [
    "Blue",
    "Bright",
    "Central",
    "Coastal",
    "Delta",
    "Eastern",
    "First",
    "Global",
    "Golden",
    "Granite",
    "Harbor",
    "Highland",
    "Iron",
    "Lakeside",
    "Liberty",
    "Metro",
    "Midwest",
    "Modern",
    "National",
    "Northern",
    "Oak",
    "Pacific",
    "Pioneer",
    "Prime",
    "Quantum",
    "Red",
    "River",
    "Royal",
    "Silver",
    "Southern",
    "Summit",
    "Sun",
    "Swift",
    "Union",
    "United",
    "Valley",
    "Western",
    "Alpine",
    "Crescent",
    "Evergreen",
];
const NOUNS: [&str; 50] = [
    "Analytics",
    "Bakery",
    "Builders",
    "Capital",
    "Clinic",
    "Consulting",
    "Dental",
    "Design",
    "Devices",
    "Electric",
    "Energy",
    "Engineering",
    "Farms",
    "Finance",
    "Foods",
    "Freight",
    "Health",
    "Holdings",
    "Hotels",
    "Imaging",
    "Insurance",
    "Labs",
    "Logistics",
    "Machines",
    "Media",
    "Medical",
    "Metals",
    "Motors",
    "Networks",
    "Optics",
    "Outfitters",
    "Paper",
    "Pharma",
    "Plastics",
    "Printing",
    "Realty",
    "Robotics",
    "Roofing",
    "Security",
    "Software",
    "Solar",
    "Staffing",
    "Steel",
    "Systems",
    "Telecom",
    "Textiles",
    "Tools",
    "Travel",
    "Water",
    "Wireless",
];
const SUFFIXES: [&str; 8] = [
    "Inc.", "GmbH", "Ltd", "S.L.", "LLC", "AG", "Group", "Partners",
];

fn mix(i: u64, salt: u64) -> u64 {
    let mut h = i.wrapping_add(salt).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 29;
    h.wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 7
}

/// A person's first and last name for record `i`: a few surnames are
/// common (as Smith is, about 1 in 100), most are rare.
pub fn synthetic_person(i: u64) -> (String, String) {
    let first = FIRST[(mix(i, 1) % FIRST.len() as u64) as usize].to_string();
    let h = mix(i, 2);
    let last = if h % 100 < 30 {
        // Weighted towards the first: rank r with weight ~ 1/(r+3).
        let r = ((h / 100) % 1000) as usize;
        COMMON_LAST[(r * r / 34_000).min(COMMON_LAST.len() - 1)].to_string()
    } else {
        let s = |k: u64| SYLLABLES[((h >> (8 * k)) % SYLLABLES.len() as u64) as usize];
        let word = format!("{}{}{}", s(1), s(2), s(3));
        let mut c = word.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or(word)
    };
    (first, last)
}

/// A company name for record `i` (32,000 of them, words shared widely).
pub fn synthetic_company(i: u64) -> String {
    let h = mix(i % 32_000, 3);
    format!(
        "{} {} {}",
        ADJECTIVES[(h % 40) as usize],
        NOUNS[((h / 40) % 50) as usize],
        SUFFIXES[((h / 2000) % 8) as usize]
    )
}
