//! The OpenAPI 3.1 document of the JSON API, made once per process from
//! the catalog: each operation's input and answer as `shapes.rs` reads
//! them, assembled with `utoipa`'s model of OpenAPI.

use super::catalog::{operations, Operation};
use super::shapes::{schema, shape_label, shapes_of, Shapes};
use super::{ApiReference, OperationDoc};
use crate::domain::access::OperationKind;
use serde_json::{json, Value};
use std::sync::OnceLock;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApiBuilder, PathsBuilder, ResponseBuilder,
};

struct Built {
    json: String,
    reference: ApiReference,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let (document, reference) = build(&operations());
        Built {
            json: serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_owned()),
            reference,
        }
    })
}

/// The OpenAPI document, as JSON.
pub fn document() -> &'static str {
    &built().json
}

/// The operations as the reference page lists them.
pub fn reference() -> &'static ApiReference {
    &built().reference
}

const ABOUT: &str = "The JSON API behind Equimark's pages. Every operation is a POST to \
/api/NAME with its input as a form (application/x-www-form-urlencoded; nested fields as \
field[part]=value) and answers JSON. Call it with a personal access token (made on your \
profile page) as `Authorization: Bearer eqm_…`: it acts as you, with your roles, and is \
audited like the pages. A read token may call read operations only; operations marked \
browser-only (signing in, passwords, tokens) refuse every token. Errors answer with their \
HTTP status and a JSON error naming what went wrong.";

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// The document's skeleton (paths, operations, security, tags) is
/// `utoipa`'s; the JSON Schemas traced here go in as they are, since
/// OpenAPI 3.1 takes JSON Schema 2020-12 unchanged.
fn build(operations: &[Operation]) -> (Value, ApiReference) {
    let mut shapes = Shapes::default();
    let mut paths = PathsBuilder::new();
    let mut reference = ApiReference::default();
    // (path, input, answer) schemas, put in once the skeleton is JSON.
    let mut placed: Vec<(&str, Value, Value)> = Vec::new();
    let error = shapes_of::<crate::error::AppError, ()>(&mut shapes)
        .input
        .map_or_else(|| json!({ "type": "object" }), |f| schema(&f));
    for operation in operations {
        let traced = (operation.shapes)(&mut shapes);
        let name = operation.path.trim_start_matches("/api/").to_owned();
        let kind = match operation.kind {
            OperationKind::Read => "read",
            OperationKind::Write => "read_write",
            OperationKind::Browser => "browser",
        };
        let input = traced
            .input
            .as_ref()
            .map_or_else(|| json!({ "type": "object" }), schema);
        let output = traced.output.as_ref().map_or_else(
            || json!({ "description": format!("JSON: {}", traced.output_name) }),
            schema,
        );
        placed.push((operation.path, input, output));
        let mut built = OperationBuilder::new()
            .operation_id(Some(name.clone()))
            .summary(Some(operation.summary))
            .tag(operation.tag)
            .request_body(Some(
                RequestBodyBuilder::new()
                    .content(FORM, ContentBuilder::new().build())
                    .build(),
            ))
            .response(
                "200",
                ResponseBuilder::new()
                    .description("Done")
                    .content(JSON, ContentBuilder::new().build()),
            )
            .response(
                "default",
                ResponseBuilder::new()
                    .description("Refused or failed: the error says why")
                    .content(JSON, ContentBuilder::new().build()),
            )
            .extensions(Some(
                utoipa::openapi::extensions::ExtensionsBuilder::new()
                    .add("x-token-scope", kind)
                    .build(),
            ));
        if operation.kind != OperationKind::Browser {
            built = built.security(SecurityRequirement::new("token", Vec::<String>::new()));
        }
        paths = paths.path(operation.path, PathItem::new(HttpMethod::Post, built));
        reference.operations.push(OperationDoc {
            name,
            method: "POST".to_owned(),
            path: operation.path.to_owned(),
            tag: operation.tag.to_owned(),
            summary: operation.summary.to_owned(),
            kind: operation.kind,
            fields: traced.input_fields,
            answer: traced
                .output
                .as_ref()
                .map_or_else(|| traced.output_name.clone(), |f| shape_label(&schema(f))),
        });
    }
    let components = ComponentsBuilder::new().security_scheme(
        "token",
        SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
    );
    let mut tags: Vec<&str> = Vec::new();
    for operation in operations {
        if !tags.contains(&operation.tag) {
            tags.push(operation.tag);
        }
    }
    let document = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Equimark API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(ABOUT))
                .build(),
        )
        .paths(paths.build())
        .components(Some(components.build()))
        .tags(Some(tags.into_iter().map(|t| {
            utoipa::openapi::tag::TagBuilder::new().name(t).build()
        })))
        .build();
    let mut document = serde_json::to_value(&document).unwrap_or_default();
    for (path, input, output) in placed {
        let operation = &mut document["paths"][path]["post"];
        operation["requestBody"]["content"][FORM]["schema"] = input;
        operation["responses"]["200"]["content"][JSON]["schema"] = output;
        operation["responses"]["default"]["content"][JSON]["schema"] = error.clone();
    }
    document["components"]["schemas"] = Value::Object(shapes.schemas.into_iter().collect());
    (document, reference)
}
