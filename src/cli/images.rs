//! `ctl images`: one row per name, `<none>` for an image without one.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use ctl::image::reference::Reference;
use ctl::image::store::ImageRecord;
use ctl::Context;

use super::output::{ago, human_size, print_json, table, without_header};
use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show all images (default hides intermediate image layers)
    #[arg(short, long)]
    pub all: bool,
    /// Filter: dangling, reference, before, since (after), until, label, id, digest,
    /// containers, intermediate, readonly, manifest (KEY=VALUE or KEY!=VALUE)
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Print only image ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Do not truncate image ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Show every name the image has had, the latest first
    #[arg(long)]
    pub history: bool,
    /// Sort by created (newest first), id, repository (then tag), size or tag
    #[arg(long, value_name = "SORT", default_value = "created",
          value_parser = ["created", "id", "repository", "size", "tag"])]
    pub sort: String,
    /// json, or a Go template such as '{{.ID}} {{.Repository}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// Only images this name or pattern matches (as --filter reference=IMAGE)
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

/// Image rows as templates see them: podman's imageReporter.
const IMAGE_SHAPE: Shape = Shape {
    type_name: "images.imageReporter",
    maps: &["Labels"],
};

/// podman's images headers: a field's name in words, or these.
const IMAGE_HEADERS: &[(&str, &str)] = &[("ID", "image id"), ("ReadOnly", "r/o")];

fn split_name(name: &str) -> (String, String) {
    match Reference::parse(name) {
        Ok(r) => (r.name(), r.tag.unwrap_or_else(|| "<none>".into())),
        Err(_) => (name.to_string(), "<none>".into()),
    }
}

fn digest_of(img: &ImageRecord) -> String {
    img.repo_digests
        .first()
        .and_then(|d| d.split_once('@'))
        .map(|(_, d)| d.to_string())
        .unwrap_or_else(|| "<none>".into())
}

/// One row of the listing: an image under one of its names.
#[derive(Debug, Clone)]
struct Row<'a> {
    img: &'a ImageRecord,
    repo: String,
    tag: String,
}

/// podman's sortImages order: created newest first; id, repository (then tag), size and
/// tag ascending. Stable: rows that compare equal keep the store's order.
fn sort_rows(rows: &mut [Row<'_>], by: &str) {
    let created = |r: &Row<'_>| r.img.created;
    rows.sort_by(|a, b| match by {
        "id" => a.img.id.cmp(&b.img.id),
        "repository" => a.repo.cmp(&b.repo).then_with(|| a.tag.cmp(&b.tag)),
        "size" => a.img.size.cmp(&b.img.size),
        "tag" => a.tag.cmp(&b.tag),
        _ => created(b).cmp(&created(a)),
    });
}

/// podman's rows of one image: one per tagged name; without any, the first untagged name
/// (a digest-only name), or `<none>` twice.
fn rows_of<'a>(img: &'a ImageRecord, names: &[String]) -> Vec<Row<'a>> {
    let (tagged, untagged): (Vec<_>, Vec<_>) = names
        .iter()
        .map(|n| split_name(n))
        .partition(|(_, tag)| tag != "<none>");
    let chosen: Vec<(String, String)> = if !tagged.is_empty() {
        tagged
    } else if let Some(first) = untagged.into_iter().next() {
        vec![first]
    } else {
        vec![("<none>".into(), "<none>".into())]
    };
    chosen
        .into_iter()
        .map(|(repo, tag)| Row { img, repo, tag })
        .collect()
}

/// The config's labels of an image.
fn labels_of(
    store: &ctl::image::store::Store,
    i: &ImageRecord,
) -> std::collections::BTreeMap<String, String> {
    store
        .blob(&i.config_digest())
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|c| c.pointer("/config/Labels").cloned())
        .and_then(|l| serde_json::from_value(l).ok())
        .unwrap_or_default()
}

fn created_of(i: &ImageRecord) -> Option<ctl::timetype::Time> {
    i.created.map(ctl::timetype::of)
}

/// The images `--filter` (or the IMAGE argument) selects, by index, with the names to show
/// for each.
fn select(
    ctx: &Context,
    store: &ctl::image::store::Store,
    images: &[ImageRecord],
    filters: &[String],
) -> Result<Vec<(usize, Vec<String>)>> {
    use ctl::image::filter::{Facts, ImageFilter, Named};
    let lookup = |v: &str| {
        store
            .find_image(v, &ctx.search_registries)
            .ok()
            .map(|i| Named {
                id: i.id.clone(),
                created: created_of(&i),
            })
    };
    let now = ctl::timetype::now();
    let filter = ImageFilter::compile(filters, &lookup, now, ctl::timetype::local_offset(now.0))
        .map_err(anyhow::Error::msg)?;
    let wants_labels = filters.iter().any(|f| f.starts_with("label"));
    let wants_use = filters.iter().any(|f| f.starts_with("containers"));
    let mut out = Vec::new();
    for (n, i) in images.iter().enumerate() {
        let mut digests: Vec<String> = i
            .repo_digests
            .iter()
            .filter_map(|d| d.split_once('@').map(|(_, d)| d.to_string()))
            .collect();
        digests.extend(i.manifest_digest.clone());
        let facts = Facts {
            id: i.id.clone(),
            names: i.names.clone(),
            digests,
            created: created_of(i),
            labels: if wants_labels {
                labels_of(store, i)
            } else {
                Default::default()
            },
            in_use: wants_use && ctl::image::container_using(store.root(), &i.id).is_some(),
        };
        if let (true, names) = filter.matches(&facts) {
            out.push((n, names.unwrap_or_else(|| i.names.clone())));
        }
    }
    Ok(out)
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    if !args.filter.is_empty() && args.image.is_some() {
        anyhow::bail!("cannot specify an image and a filter(s)");
    }
    let json = args.format.as_deref().is_some_and(super::template::is_json);
    let template = match args.format.as_deref() {
        Some(t) if !json && t != "table" => Some(Format::parse("images", Origin::User, t)?),
        _ => None,
    };
    let store = super::open_store(ctx)?;
    let images = store.images()?;
    let mut filters = args.filter.clone();
    filters.extend(args.image.iter().map(|i| format!("reference={i}")));
    let mut selected = select(ctx, &store, &images, &filters)?;
    if !args.all {
        let hidden = ctl::image::intermediate::intermediates(&images, |i| {
            ctl::image::intermediate::history_of(&store, i)
        });
        selected.retain(|(n, _)| !hidden.contains(&images[*n].id));
    }
    let mut rows: Vec<Row<'_>> = selected
        .iter()
        .flat_map(|(n, names)| rows_of(&images[*n], names))
        .collect();
    sort_rows(&mut rows, &args.sort);
    // Each image once, in the rows' order.
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<&ImageRecord> = rows
        .iter()
        .filter(|r| seen.insert(r.img.id.as_str()))
        .map(|r| r.img)
        .collect();
    if json {
        let v: Vec<_> = unique.iter().map(|i| json_entry(&store, i)).collect();
        print_json(&v);
        return Ok(ExitCode::SUCCESS);
    }
    let id = |i: &ImageRecord| {
        if args.no_trunc {
            format!("sha256:{}", i.id)
        } else {
            i.id[..12.min(i.id.len())].to_string()
        }
    };
    if args.quiet {
        for i in &unique {
            println!("{}", id(i));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(t) = template {
        let mut entries = std::collections::HashMap::new();
        let trows = rows
            .iter()
            .map(|r| {
                let entry = entries
                    .entry(r.img.id.as_str())
                    .or_insert_with(|| json_entry(&store, r.img));
                template_row(entry, r.img, r.repo.clone(), r.tag.clone(), args.no_trunc)
            })
            .collect();
        t.print_listing(
            &TValue::list(trows),
            &|f| header_name(f, IMAGE_HEADERS),
            args.noheading,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let cells = rows
        .iter()
        .map(|r| {
            let i = r.img;
            let mut row = vec![r.repo.clone(), r.tag.clone()];
            if args.digests {
                row.push(digest_of(i));
            }
            row.extend([id(i), ago(i.created), human_size(i.size)]);
            if args.history {
                row.push(history_text(i));
            }
            row
        })
        .collect();
    let mut header = vec!["REPOSITORY", "TAG"];
    if args.digests {
        header.push("DIGEST");
    }
    header.extend(["IMAGE ID", "CREATED", "SIZE"]);
    if args.history {
        header.push("HISTORY");
    }
    print!("{}", without_header(table(&header, cells), args.noheading));
    Ok(ExitCode::SUCCESS)
}

/// podman's HISTORY column: the names' history joined, or `<none>`.
fn history_text(i: &ImageRecord) -> String {
    let h = i.history();
    if h.is_empty() {
        "<none>".into()
    } else {
        h.join(", ")
    }
}

/// One image as `images --format json` prints it: podman's ImageSummary (with the names
/// in `RepoTags` too).
fn json_entry(store: &ctl::image::store::Store, i: &ImageRecord) -> serde_json::Value {
    let created = i.created.map(|t| t.secs());
    let labels = labels_of(store, i);
    let mut v = json!({
        "Id": i.id,
        "ParentId": "",
        "RepoTags": i.names,
        "RepoDigests": i.repo_digests,
        "Created": created,
        "Size": i.size,
        "SharedSize": 0,
        "VirtualSize": i.size,
        "Labels": labels,
        "Dangling": i.names.is_empty(),
        "Arch": i.architecture,
        "Digest": digest_of(i),
        "Names": i.names,
        "Os": i.os,
        "CreatedAt": i.created,
        "History": i.history(),
    });
    // podman's `History` is omitted when empty.
    if i.history().is_empty() {
        if let Some(o) = v.as_object_mut() {
            o.remove("History");
        }
    }
    v
}

/// One row for templates: podman's imageReporter, the summary's fields with Repository and
/// Tag, and its methods (`.ID` short unless --no-trunc, `.Created` and `.CreatedSince` in
/// words, `.CreatedAt` as Go prints a time, `.Size` in human units).
fn template_row(
    entry: &serde_json::Value,
    i: &ImageRecord,
    repo: String,
    tag: String,
    no_trunc: bool,
) -> TValue {
    let mut row = Struct::from_json(entry, &IMAGE_SHAPE);
    row.fields
        .insert(0, ("Repository".into(), TValue::from(repo)));
    row.fields.insert(1, ("Tag".into(), TValue::from(tag)));
    let id = if no_trunc {
        format!("sha256:{}", i.id)
    } else {
        i.id.chars().take(12).collect()
    };
    let at = i
        .created
        .map(super::template::go_time_of)
        .unwrap_or_default();
    row.method("ID", id)
        .method("Created", ago(i.created))
        .method("CreatedSince", ago(i.created))
        .method("CreatedAt", at.clone())
        .method("CreatedTime", at)
        .method("Size", human_size(i.size))
        .method("History", i.history().join(", "))
        .method("IsReadOnly", false)
        .method("IsDangling", i.names.is_empty())
        .method("ReadOnly", false);
    TValue::Struct(std::rc::Rc::new(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, names: &[&str], created: &str, size: u64) -> ImageRecord {
        serde_json::from_value(json!({
            "id": id,
            "names": names,
            "created": created,
            "added": created,
            "os": "linux",
            "architecture": "amd64",
            "layers": [],
            "size": size,
        }))
        .unwrap()
    }

    #[test]
    fn rows_sort_as_podman_s() {
        let a = record(
            "aa",
            &["docker.io/library/alpine:latest"],
            "2024-01-01T00:00:00Z",
            5,
        );
        let b = record(
            "bb",
            &["quay.io/podman/stable:v5", "quay.io/podman/stable:latest"],
            "2025-01-01T00:00:00Z",
            3,
        );
        let c = record("cc", &[], "2023-01-01T00:00:00Z", 9);
        let order = |by: &str| {
            let mut rows: Vec<Row<'_>> = [&a, &b, &c]
                .into_iter()
                .flat_map(|i| rows_of(i, &i.names))
                .collect();
            sort_rows(&mut rows, by);
            rows.iter()
                .map(|r| format!("{}:{}", r.repo, r.tag))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            order("created"),
            [
                "quay.io/podman/stable:v5",
                "quay.io/podman/stable:latest",
                "docker.io/library/alpine:latest",
                "<none>:<none>"
            ]
        );
        assert_eq!(
            order("repository"),
            [
                "<none>:<none>",
                "docker.io/library/alpine:latest",
                "quay.io/podman/stable:latest",
                "quay.io/podman/stable:v5"
            ]
        );
        assert_eq!(order("size")[0], "quay.io/podman/stable:v5");
        assert_eq!(order("size")[3], "<none>:<none>");
        assert_eq!(order("tag")[0], "<none>:<none>");
        assert_eq!(order("tag")[3], "quay.io/podman/stable:v5");
        assert_eq!(order("id")[3], "<none>:<none>");
    }

    #[test]
    fn a_header_goes_with_noheading() {
        assert_eq!(without_header("H\nr1\nr2\n".into(), true), "r1\nr2\n");
        assert_eq!(without_header("H\n".into(), true), "");
        assert_eq!(without_header("H\nr\n".into(), false), "H\nr\n");
    }
}
