//! The shapes of a server function's input and answer, read from the
//! serde implementations the server functions already use
//! (`serde-reflection`) and written as JSON Schemas (2020-12, which
//! OpenAPI 3.1 takes as it is). Types whose serde implementation cannot be
//! traced (a few accept either a string or a table) are named instead.

use super::FieldDoc;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use serde_reflection::{
    ContainerFormat, Format, Named, Samples, Tracer, TracerConfig, VariantFormat,
};
use std::collections::{BTreeMap, BTreeSet};

/// Named types met while tracing, as JSON Schemas (`components.schemas`).
#[derive(Default)]
pub struct Shapes {
    pub(super) schemas: BTreeMap<String, Value>,
}

/// One operation's input and answer, where they could be traced.
pub struct OperationShapes {
    pub(super) input: Option<Format>,
    pub(super) input_fields: Vec<FieldDoc>,
    pub(super) output: Option<Format>,
    pub(super) output_name: String,
}

/// Traces the input type `T` and the answer type `O` of a server function.
pub(super) fn shapes_of<T: DeserializeOwned, O: DeserializeOwned>(
    shapes: &mut Shapes,
) -> OperationShapes {
    let input = trace::<T>(shapes);
    let input_fields = match (&input, shapes.schemas.get(&type_name::<T>())) {
        (Some(_), Some(schema)) => fields_of(schema),
        _ => Vec::new(),
    };
    OperationShapes {
        input,
        input_fields,
        output: trace::<O>(shapes),
        output_name: type_name::<O>(),
    }
}

/// `alloc::vec::Vec<app::model::FrameworkSummary>` → `Vec<FrameworkSummary>`.
fn type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let mut short = String::new();
    let mut word = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            short.push_str(word.rsplit("::").next().unwrap_or(""));
            word.clear();
            short.push(c);
        }
    }
    short.push_str(word.rsplit("::").next().unwrap_or(""));
    short
}

/// Traces `T`, every variant of every enum in it included: `trace_type`
/// explores only the outermost enum, so the passes repeat, clearing the
/// marks of enums met so far, until none is left half explored.
fn trace<T: DeserializeOwned>(shapes: &mut Shapes) -> Option<Format> {
    let samples = Samples::new();
    let mut enums: BTreeSet<String> = BTreeSet::new();
    for _ in 0..8 {
        let mut tracer = Tracer::new(TracerConfig::default().is_human_readable(true));
        let mut format = None;
        for _ in 0..256 {
            format = Some(tracer.trace_type_once::<T>(&samples).ok()?.0);
            let mut unfinished = false;
            for name in &enums {
                unfinished |= tracer.check_incomplete_enum(name).is_some();
            }
            if !unfinished {
                break;
            }
        }
        match tracer.registry() {
            Ok(registry) => {
                for (name, container) in registry {
                    let schema = container_schema(&container);
                    shapes.schemas.entry(name).or_insert(schema);
                }
                return format;
            }
            Err(serde_reflection::Error::MissingVariants(names)) => {
                let known = enums.len();
                enums.extend(names);
                if enums.len() == known {
                    return None;
                }
            }
            Err(_) => return None,
        }
    }
    None
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

pub(super) fn schema(format: &Format) -> Value {
    match format {
        Format::TypeName(name) => schema_ref(name),
        Format::Unit => json!({ "type": "null" }),
        Format::Bool => json!({ "type": "boolean" }),
        Format::I8 | Format::I16 | Format::I32 | Format::I64 | Format::I128 => {
            json!({ "type": "integer" })
        }
        Format::U8 | Format::U16 | Format::U32 | Format::U64 | Format::U128 => {
            json!({ "type": "integer", "minimum": 0 })
        }
        Format::F32 | Format::F64 => json!({ "type": "number" }),
        Format::Char | Format::Str => json!({ "type": "string" }),
        Format::Bytes => json!({ "type": "array", "items": { "type": "integer" } }),
        Format::Option(inner) => json!({ "oneOf": [schema(inner), { "type": "null" }] }),
        Format::Seq(inner) => json!({ "type": "array", "items": schema(inner) }),
        Format::Map { value, .. } => {
            json!({ "type": "object", "additionalProperties": schema(value) })
        }
        Format::Tuple(items) => tuple(items),
        Format::TupleArray { content, size } => {
            json!({ "type": "array", "items": schema(content), "minItems": size, "maxItems": size })
        }
        Format::Variable(_) => json!({}),
    }
}

fn tuple(items: &[Format]) -> Value {
    json!({
        "type": "array",
        "prefixItems": items.iter().map(schema).collect::<Vec<_>>(),
        "minItems": items.len(),
        "maxItems": items.len(),
    })
}

fn object(fields: &[Named<Format>]) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| (f.name.clone(), schema(&f.value)))
        .collect();
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| !matches!(f.value, Format::Option(_)))
        .map(|f| f.name.as_str())
        .collect();
    json!({ "type": "object", "properties": properties, "required": required })
}

fn container_schema(container: &ContainerFormat) -> Value {
    match container {
        ContainerFormat::UnitStruct => json!({ "type": "null" }),
        ContainerFormat::NewTypeStruct(inner) => schema(inner),
        ContainerFormat::TupleStruct(items) => tuple(items),
        ContainerFormat::Struct(fields) => object(fields),
        // serde's default: a unit variant is its name, any other an object
        // with the name as its one key.
        ContainerFormat::Enum(variants) => {
            let one_of: Vec<Value> = variants
                .values()
                .map(|variant| {
                    let content = match &variant.value {
                        VariantFormat::Unit | VariantFormat::Variable(_) => {
                            return json!({ "const": variant.name });
                        }
                        VariantFormat::NewType(inner) => schema(inner),
                        VariantFormat::Tuple(items) => tuple(items),
                        VariantFormat::Struct(fields) => object(fields),
                    };
                    json!({
                        "type": "object",
                        "properties": { variant.name.clone(): content },
                        "required": [variant.name],
                    })
                })
                .collect();
            json!({ "oneOf": one_of })
        }
    }
}

/// The input's fields as the reference page lists them.
fn fields_of(schema: &Value) -> Vec<FieldDoc> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    schema["properties"]
        .as_object()
        .map(|properties| {
            properties
                .iter()
                .map(|(name, field)| FieldDoc {
                    name: name.clone(),
                    shape: shape_label(field),
                    required: required.contains(&name.as_str()),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A schema in a word or two: "string", "integer list", "MeetingForm".
pub(super) fn shape_label(schema: &Value) -> String {
    if let Some(name) = schema["$ref"].as_str() {
        return name.rsplit('/').next().unwrap_or(name).to_owned();
    }
    if let Some(options) = schema["oneOf"].as_array() {
        if let Some(first) = options.first().filter(|_| options.len() == 2) {
            return format!("{} or null", shape_label(first));
        }
        return "one of several".to_owned();
    }
    match schema["type"].as_str() {
        Some("array") => format!("{} list", shape_label(&schema["items"])),
        Some(kind) => kind.to_owned(),
        None => "any".to_owned(),
    }
}
