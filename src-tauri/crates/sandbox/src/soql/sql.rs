//! A parsed query → one parameterised SQLite statement over `records`.

use super::parser::{Cond, Literal, Op, Query, Select};
use crate::error::SfError;
use crate::ids;
use crate::schema::{FieldType, SObject};
use crate::time;

#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    Text(String),
    Int(i64),
    Real(f64),
}

#[derive(Debug, Clone)]
pub struct SqlQuery {
    /// `FROM records WHERE …` shared by the count and the select.
    pub from_where: String,
    pub order_by: String,
    pub params: Vec<Param>,
    /// Selected fields in their canonical spelling; `None` for COUNT().
    pub fields: Option<Vec<String>>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// How a field is read in SQL, and what its literals compare as.
enum Col {
    Id,
    Ms(&'static str),
    Deleted,
    Json(&'static str, FieldType),
}

fn invalid_field(name: &str, obj: &SObject) -> SfError {
    SfError::invalid_field(format!(
        "No such column '{name}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        obj.name
    ))
}

fn column(name: &str, obj: &SObject) -> Result<(Col, String), SfError> {
    let lower = name.to_ascii_lowercase();
    Ok(match lower.as_str() {
        "id" => (Col::Id, "Id".into()),
        "createddate" => (Col::Ms("created_date"), "CreatedDate".into()),
        "systemmodstamp" => (Col::Ms("system_modstamp"), "SystemModstamp".into()),
        "lastmodifieddate" => (Col::Ms("system_modstamp"), "LastModifiedDate".into()),
        "isdeleted" => (Col::Deleted, "IsDeleted".into()),
        _ => {
            let f = obj.field(name).ok_or_else(|| invalid_field(name, obj))?;
            (Col::Json(f.name, f.kind), f.name.to_string())
        }
    })
}

fn push_col(c: &Col, out: &mut String) {
    match c {
        Col::Id => out.push_str("id"),
        Col::Ms(col) => out.push_str(col),
        Col::Deleted => out.push_str("(deleted_at IS NOT NULL)"),
        Col::Json(name, _) => {
            out.push_str("json_extract(fields, '$.\"");
            out.push_str(name);
            out.push_str("\"')");
        }
    }
}

fn bad_value(field: &str, lit: &Literal) -> SfError {
    SfError::malformed_query(format!(
        "value of filter criterion for field '{field}' must be of the field's type, not {lit:?}"
    ))
}

/// A literal as the parameter it compares as against this column.
fn param(c: &Col, field: &str, lit: &Literal) -> Result<Param, SfError> {
    match (c, lit) {
        (Col::Id, Literal::Str(s))
        | (Col::Json(_, FieldType::Reference | FieldType::Id), Literal::Str(s)) => {
            Ok(Param::Text(ids::normalize(s).unwrap_or_else(|| s.clone())))
        }
        (Col::Ms(_), Literal::DateTime(d)) => {
            let ms = time::parse(d)
                .or_else(|| time::parse(&format!("{d}T00:00:00Z")))
                .ok_or_else(|| bad_value(field, lit))?;
            Ok(Param::Int(ms))
        }
        (Col::Json(_, FieldType::DateTime), Literal::DateTime(d)) => {
            let ms = time::parse(d).ok_or_else(|| bad_value(field, lit))?;
            Ok(Param::Text(time::format_ms(ms)))
        }
        (Col::Json(_, FieldType::Date), Literal::DateTime(d)) if d.len() == 10 => {
            Ok(Param::Text(d.clone()))
        }
        (Col::Deleted | Col::Json(_, FieldType::Boolean), Literal::Bool(b)) => {
            Ok(Param::Int(i64::from(*b)))
        }
        (Col::Json(_, FieldType::Int), Literal::Num(n)) => Ok(Param::Real(*n)),
        (Col::Json(_, k), Literal::Str(s))
            if !matches!(
                k,
                FieldType::Boolean | FieldType::Int | FieldType::Date | FieldType::DateTime
            ) =>
        {
            Ok(Param::Text(s.clone()))
        }
        _ => Err(bad_value(field, lit)),
    }
}

/// Writes a condition into `out`, one buffer for the whole WHERE clause
/// (no string is rebuilt per level), pushing its parameters in order.
fn push_cond(
    c: &Cond,
    obj: &SObject,
    params: &mut Vec<Param>,
    out: &mut String,
) -> Result<(), SfError> {
    match c {
        Cond::And(terms) => push_joined(terms, " AND ", obj, params, out)?,
        Cond::Or(terms) => push_joined(terms, " OR ", obj, params, out)?,
        Cond::Not(a) => {
            out.push_str("(NOT ");
            push_cond(a, obj, params, out)?;
            out.push(')');
        }
        Cond::Cmp {
            field,
            op,
            value: Literal::Null,
        } => {
            let (col, _) = column(field, obj)?;
            push_col(&col, out);
            match op {
                Op::Eq => out.push_str(" IS NULL"),
                Op::Ne => out.push_str(" IS NOT NULL"),
                _ => {
                    return Err(SfError::malformed_query(format!(
                        "null can only be compared with = or != ({field})"
                    )))
                }
            }
        }
        Cond::Cmp { field, op, value } => {
            let (col, _) = column(field, obj)?;
            params.push(param(&col, field, value)?);
            push_col(&col, out);
            out.push_str(match op {
                Op::Eq => " = ?",
                Op::Ne => " IS NOT ?",
                Op::Lt => " < ?",
                Op::Le => " <= ?",
                Op::Gt => " > ?",
                Op::Ge => " >= ?",
                Op::Like => " LIKE ?",
            });
        }
        Cond::In {
            field,
            values,
            negated,
        } => {
            let (col, _) = column(field, obj)?;
            for v in values {
                params.push(param(&col, field, v)?);
            }
            push_col(&col, out);
            out.push_str(if *negated { " NOT IN (" } else { " IN (" });
            for i in 0..values.len() {
                out.push_str(if i == 0 { "?" } else { ", ?" });
            }
            out.push(')');
        }
    }
    Ok(())
}

/// `a AND b AND c …` as a balanced tree of parentheses: SQLite parses a flat
/// chain as one nested expression per term and refuses more than 1,000
/// levels, while halves keep the depth logarithmic in the chain's length.
fn push_joined(
    terms: &[Cond],
    op: &str,
    obj: &SObject,
    params: &mut Vec<Param>,
    out: &mut String,
) -> Result<(), SfError> {
    match terms {
        [] => out.push_str(if op == " AND " { "1" } else { "0" }),
        [one] => push_cond(one, obj, params, out)?,
        _ => {
            let (left, right) = terms.split_at(terms.len() / 2);
            out.push('(');
            push_joined(left, op, obj, params, out)?;
            out.push_str(op);
            push_joined(right, op, obj, params, out)?;
            out.push(')');
        }
    }
    Ok(())
}

pub fn to_sql(q: &Query, obj: &SObject, include_deleted: bool) -> Result<SqlQuery, SfError> {
    let mut params = vec![Param::Text(obj.name.to_string())];
    let mut from_where = String::from("FROM records WHERE sobject = ?");
    if !include_deleted {
        from_where.push_str(" AND deleted_at IS NULL");
    }
    if let Some(c) = &q.filter {
        from_where.push_str(" AND ");
        push_cond(c, obj, &mut params, &mut from_where)?;
    }
    let mut order = Vec::new();
    for o in &q.order {
        let (col, _) = column(&o.field, obj)?;
        let nulls = match o.nulls_last {
            Some(true) => " NULLS LAST",
            Some(false) => " NULLS FIRST",
            None => "",
        };
        let mut term = String::new();
        push_col(&col, &mut term);
        term.push_str(if o.descending { " DESC" } else { " ASC" });
        term.push_str(nulls);
        order.push(term);
    }
    // A stable order makes paging deterministic.
    order.push("id ASC".into());
    let fields = match &q.select {
        Select::Count => None,
        Select::Fields(list) => Some(
            list.iter()
                .map(|f| column(f, obj).map(|(_, name)| name))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    Ok(SqlQuery {
        from_where,
        order_by: format!("ORDER BY {}", order.join(", ")),
        params,
        fields,
        limit: q.limit,
        offset: q.offset.unwrap_or(0),
    })
}
