//! The one query shape the store builds by hand: `… IN (?, ?, …)`.

use sqlx::{QueryBuilder, Sqlite};

/// Binds `items` as a comma-separated list and closes the `IN (` the
/// builder ends with.
pub(crate) fn push_list<'a, T>(q: &mut QueryBuilder<'a, Sqlite>, items: impl IntoIterator<Item = T>)
where
    T: 'a + sqlx::Encode<'a, Sqlite> + sqlx::Type<Sqlite> + Send,
{
    let mut sep = q.separated(", ");
    for item in items {
        sep.push_bind(item);
    }
    q.push(")");
}
