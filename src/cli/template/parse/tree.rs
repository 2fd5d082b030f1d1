//! The parsed tree: a template's nodes, pipelines, commands and arguments.

use crate::cli::template::value::Value;

#[derive(Debug, Clone)]
pub enum Node {
    Text(String),
    /// `{{pipeline}}`: printed unless it declares or assigns a variable.
    Action(Pipe),
    If(Branch),
    Range(Branch),
    With(Branch),
    Break,
    Continue,
}

#[derive(Debug, Clone)]
pub struct Branch {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Option<Vec<Node>>,
}

#[derive(Debug, Clone)]
pub struct Pipe {
    /// Variables declared (`:=`) or assigned (`=`), without their `$`.
    pub decl: Vec<String>,
    pub assign: bool,
    pub cmds: Vec<Cmd>,
}

#[derive(Debug, Clone)]
pub struct Cmd {
    pub pos: usize,
    /// The command's source, for error messages (`at <.Nope>`).
    pub text: String,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone)]
pub enum Arg {
    Dot,
    Nil,
    Lit(Value),
    /// `.A.B`
    Field(Vec<String>),
    /// `$x.A.B` (`$` alone is the data).
    Var(String, Vec<String>),
    /// A function's name.
    Func(String),
    /// `(pipeline).A.B`
    Chain(Box<Arg>, Vec<String>),
    Pipe(Box<Pipe>),
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub src: String,
    pub root: Vec<Node>,
}

impl Template {
    /// The name Go's errors give it.
    pub fn name(&self) -> &str {
        self.name.as_str()
    }
}
