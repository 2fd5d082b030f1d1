//! Go's text/tabwriter as podman configures it for tables (minimum cell width 12, padding
//! 2, spaces): tab-terminated cells aligned in column blocks, the text after a line's last
//! tab not part of any column.

pub const MIN_WIDTH: usize = 12;
pub const PADDING: usize = 2;

struct Line<'a> {
    cells: Vec<&'a str>,
    /// Whether a newline ended it (the last line may have none).
    newline: bool,
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Aligns `text` as a tabwriter flushed at its end does.
pub fn align(text: &str, min_width: usize, padding: usize) -> String {
    let mut lines: Vec<Line> = Vec::new();
    let mut rest = text;
    loop {
        match rest.find('\n') {
            Some(i) => {
                lines.push(Line {
                    cells: rest[..i].split('\t').collect(),
                    newline: true,
                });
                rest = &rest[i + 1..];
            }
            None => {
                lines.push(Line {
                    cells: rest.split('\t').collect(),
                    newline: false,
                });
                break;
            }
        }
    }
    let mut w = Writer {
        lines: &lines,
        widths: Vec::new(),
        out: String::with_capacity(text.len() * 2),
        min_width,
        padding,
    };
    w.format(0, lines.len());
    w.out
}

struct Writer<'a> {
    lines: &'a [Line<'a>],
    widths: Vec<usize>,
    out: String,
    min_width: usize,
    padding: usize,
}

impl Writer<'_> {
    /// The column block algorithm of Go's tabwriter.format.
    fn format(&mut self, mut line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].cells.len() {
                this += 1;
                continue;
            }
            // A cell in this column: a block of lines starts here.
            self.write_lines(line0, this);
            line0 = this;
            let mut width = self.min_width;
            while this < line1 {
                let cells = &self.lines[this].cells;
                if column + 1 >= cells.len() {
                    break;
                }
                width = width.max(self::width(cells[column]) + self.padding);
                this += 1;
            }
            self.widths.push(width);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
            // Go's loop steps past the line that ended the block; it has no cell here.
            this += 1;
        }
        self.write_lines(line0, line1);
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for line in &self.lines[line0..line1] {
            for (j, c) in line.cells.iter().enumerate() {
                self.out.push_str(c);
                if j < self.widths.len() {
                    let pad = self.widths[j].saturating_sub(width(c));
                    self.out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            if line.newline {
                self.out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn podman(text: &str) -> String {
        align(text, MIN_WIDTH, PADDING)
    }

    #[test]
    fn columns_are_at_least_twelve_wide_with_two_spaces_of_padding() {
        assert_eq!(
            podman("IMAGE ID\tREPOSITORY\tTAG\ne3d42bcaf643\tdocker.io/kubernetes/pause\tlatest\n"),
            "IMAGE ID      REPOSITORY                  TAG\n\
             e3d42bcaf643  docker.io/kubernetes/pause  latest\n"
        );
        assert_eq!(podman("a\tb\n"), "a           b\n");
    }

    #[test]
    fn trailing_tabs_pad_and_lines_without_tabs_break_blocks() {
        // A line's last cell is not in a column: only tab-terminated cells are padded.
        assert_eq!(podman("a\t\nbb\t\n"), "a           \nbb          \n");
        // A line without a tab ends a block: the next block has widths of its own.
        assert_eq!(
            podman("a\tb\nplain\nlonger-than-twelve\tc\n"),
            "a           b\nplain\nlonger-than-twelve  c\n"
        );
        // Lines with fewer cells are in the blocks of the columns they have.
        assert_eq!(
            podman("a\tb\tc\nd\te\nf\tg\th\n"),
            "a           b           c\nd           e\nf           g           h\n"
        );
        assert_eq!(podman("no newline\tat end"), "no newline  at end");
        assert_eq!(podman("é\tx\n"), "é           x\n");
    }
}
