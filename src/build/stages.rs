//! Stages: the steps between FROMs, the ARGs before the first FROM, and which stages the
//! target needs (itself, the stages it is built FROM, and those COPY --from and RUN
//! --mount from= name).

use std::collections::BTreeSet;

use crate::build::parse::{Instruction, Step};

#[derive(Debug, Clone)]
pub struct Stage {
    pub index: usize,
    pub alias: Option<String>,
    pub steps: Vec<Step>,
}

/// (ARG steps before the first FROM, stages).
pub fn split(steps: Vec<Step>) -> Result<(Vec<Step>, Vec<Stage>), String> {
    let mut meta = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for s in steps {
        match (&s.instr, stages.last_mut()) {
            (Instruction::From { alias, .. }, _) => stages.push(Stage {
                index: stages.len(),
                alias: alias.clone(),
                steps: vec![s],
            }),
            (_, Some(st)) => st.steps.push(s),
            (Instruction::Arg(_), None) => meta.push(s),
            (_, None) => {
                return Err(format!(
                    "line {}: no build stage in current context (FROM must come first)",
                    s.line
                ))
            }
        }
    }
    if stages.is_empty() {
        return Err("no FROM statement found".into());
    }
    Ok((meta, stages))
}

/// The stage a name (alias or index) refers to, if any.
pub fn find(stages: &[Stage], name: &str) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    stages
        .iter()
        .position(|s| s.alias.as_deref() == Some(lower.as_str()))
        .or_else(|| name.parse::<usize>().ok().filter(|i| *i < stages.len()))
}

/// The stages `target` needs, in file order.
pub fn needed(stages: &[Stage], target: usize) -> Vec<usize> {
    let mut set = BTreeSet::new();
    let mut todo = vec![target];
    while let Some(i) = todo.pop() {
        if !set.insert(i) {
            continue;
        }
        for s in &stages[i].steps {
            for r in references(&s.instr) {
                if let Some(j) = find(&stages[..i], &r) {
                    todo.push(j);
                }
            }
        }
    }
    set.into_iter().collect()
}

fn references(i: &Instruction) -> Vec<String> {
    match i {
        Instruction::From { image, .. } => vec![image.clone()],
        Instruction::Copy(c) => c.from.iter().cloned().collect(),
        Instruction::Run { mounts, .. } => mounts
            .iter()
            .flat_map(|m| m.split(','))
            .filter_map(|kv| kv.strip_prefix("from="))
            .map(str::to_string)
            .collect(),
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::parse::parse;

    #[test]
    fn only_the_stages_the_target_needs() {
        let f = "ARG V=1\nFROM a AS one\nFROM b AS two\nRUN true\nFROM two AS three\n\
                 COPY --from=0 /x /x\nFROM c\nRUN --mount=type=bind,from=two,target=/m true\n";
        let (meta, stages) = split(parse(f, "F").unwrap()).unwrap();
        assert_eq!((meta.len(), stages.len()), (1, 4));
        assert_eq!(needed(&stages, 2), vec![0, 1, 2]);
        assert_eq!(needed(&stages, 3), vec![1, 3]);
        assert_eq!(find(&stages, "TWO"), Some(1));
        assert!(split(parse("RUN x\n", "F").unwrap()).is_err());
    }
}
