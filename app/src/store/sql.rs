//! Helpers for the few queries written as SQL (aggregates and joins that
//! the query builder would make harder to read), on either backend.

use sea_orm::{DbBackend, QueryResult, Statement, Value};

/// SQL written with `?` placeholders, numbered for PostgreSQL.
pub(super) fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        let mut n = 0;
        sql.split('?')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part.to_owned()
                } else {
                    n += 1;
                    format!("${n}{part}")
                }
            })
            .collect()
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

pub(super) fn int(row: &QueryResult, column: &str) -> u32 {
    row.try_get::<Option<i64>>("", column)
        .ok()
        .flatten()
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(0)
}

pub(super) fn text(row: &QueryResult, column: &str) -> String {
    row.try_get::<Option<String>>("", column)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// A whole number that may exceed `u32` (a key); 0 when absent.
pub(super) fn number(row: &QueryResult, column: &str) -> i64 {
    row.try_get::<Option<i64>>("", column)
        .ok()
        .flatten()
        .unwrap_or(0)
}

/// `t."col" AS "p_col", …` for every column of an entity, so that one row
/// of a join carries several whole records: `Model::from_query_result(row,
/// "p_")` reads each back.
pub(super) fn columns<E: sea_orm::EntityTrait>(table: &str, prefix: &str) -> String {
    use sea_orm::{IdenStatic, Iterable};
    E::Column::iter()
        .map(|c| {
            let name = c.as_str();
            format!("{table}.\"{name}\" AS \"{prefix}{name}\"")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
