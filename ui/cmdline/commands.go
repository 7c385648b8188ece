// Package cmdline is the browser's `:` command line: the commands it
// knows, how a typed line becomes one (with a message that says what is
// wrong and how to write it right), completion of command names and
// arguments, and the one-line prompt that reads them with this session's
// history. It knows nothing of the views; the root model runs the command.
package cmdline

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/immtui/immtui/imm"
)

// Kind is what a command does.
type Kind int

// The commands.
const (
	Cluster   Kind = iota + 1 // open a cluster by ID
	Members                   // open a cluster by ID on its members
	File                      // open a file by URI
	Sort                      // sort the clusters list
	Problems                  // list the files not indexed
	Help                      // show the full help
	Quit                      // end the program
	Overview                  // the dataset's overview
	Files                     // every file of the dataset
	Find                      // the files a query matches (Arg: the query; "" opens the find prompt)
	Labels                    // the label tree
	Places                    // countries, provinces, cities
	Projects                  // the projects picker
	Datasets                  // the datasets picker of the project browsed
	Dataset                   // browse another dataset of the project, by name
	Grid                      // open a cluster by ID on its face grid
	Threshold                 // change a review threshold
	Compare                   // compare two clusters
	Review                    // walk the clusters worst first
)

// Command is a parsed line.
type Command struct {
	Kind Kind
	// Arg is the cluster ID (Cluster, Members), the file URI or the sort key (as imm.SortKeys
	// spells it).
	Arg string
	// Order is "asc", "desc", or "" (keep the order shown); Sort only.
	Order string
	// Value is the threshold's value (Threshold) or the second cluster
	// ID (Compare).
	Value string
}

// ReviewSorts are the sort keys by computed figures (review strips),
// besides the API's.
var ReviewSorts = []string{"flagged", "minconf"}

// Spec describes a command for help and completion.
type Spec struct {
	Name, Args, Desc string
	Kind             Kind
}

// Specs are the commands in the order help lists them.
var Specs = []Spec{
	{Name: "cluster", Args: "ID", Desc: "open a cluster", Kind: Cluster},
	{Name: "members", Args: "ID", Desc: "a cluster's faces, outliers first", Kind: Members},
	{Name: "grid", Args: "ID", Desc: "a cluster's face grid", Kind: Grid},
	{Name: "file", Args: "URI", Desc: "open a file (oss:// or pds://)", Kind: File},
	{Name: "problems", Desc: "files not indexed, by reason", Kind: Problems},
	{Name: "overview", Desc: "what the dataset holds", Kind: Overview},
	{Name: "files", Desc: "every file, newest first", Kind: Files},
	{Name: "find", Args: "QUERY", Desc: "files a query matches (also F)", Kind: Find},
	{Name: "labels", Desc: "labels, as a tree", Kind: Labels},
	{Name: "places", Desc: "countries, provinces, cities", Kind: Places},
	{Name: "sort", Args: "KEY [asc|desc]", Desc: "sort the clusters (also flagged, minconf)", Kind: Sort},
	{Name: "review", Desc: "open the clusters worst first (n: next)", Kind: Review},
	{Name: "compare", Args: "A B", Desc: "compare two clusters", Kind: Compare},
	{Name: "threshold", Args: "NAME VALUE", Desc: "change a review threshold", Kind: Threshold},
	{Name: "projects", Desc: "choose a project (also P)", Kind: Projects},
	{Name: "datasets", Desc: "choose a dataset of this project", Kind: Datasets},
	{Name: "dataset", Args: "NAME", Desc: "browse another dataset of this project", Kind: Dataset},
	{Name: "help", Desc: "every key and command", Kind: Help},
	{Name: "quit", Desc: "quit (also :q)", Kind: Quit},
}

// aliases are other spellings of a command name.
var aliases = map[string]string{"q": "quit", "q!": "quit", "h": "help"}

// Names are the command names, for completion and messages.
func Names() []string {
	out := make([]string, len(Specs))
	for i, s := range Specs {
		out[i] = s.Name
	}
	return out
}

// Orders are the sort orders.
var Orders = []string{"asc", "desc"}

// Parse turns a line (without its leading ':') into a command. An empty
// line is (Command{}, nil): nothing to do. Errors are sentences for the
// message line: what is wrong, and what to type instead.
func Parse(line string) (Command, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return Command{}, nil
	}
	name, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	lname := strings.ToLower(name)
	if a, ok := aliases[lname]; ok {
		lname = a
	}
	spec, ok := lookup(lname)
	if !ok {
		return Command{}, errors.New("unknown command " + quote(name) + "; commands are " +
			strings.Join(Names(), ", ") + " (Tab completes)")
	}
	switch spec.Kind {
	case Cluster, Members, Grid:
		if rest == "" {
			return Command{}, errors.New(spec.Name + " needs an ID: :" + spec.Name + " ID")
		}
		if strings.ContainsAny(rest, " \t") {
			return Command{}, errors.New("a cluster ID has no spaces (got " + quote(rest) + ")")
		}
		return Command{Kind: spec.Kind, Arg: rest}, nil
	case Dataset:
		if rest == "" {
			return Command{}, errors.New("dataset needs a name: :dataset NAME (or :datasets to choose one)")
		}
		if !validName(rest) {
			return Command{}, errors.New("a dataset name is letters, digits, '-' and '_' (got " + quote(rest) + ")")
		}
		return Command{Kind: Dataset, Arg: rest}, nil
	case File:
		if err := CheckFileURI(rest); err != nil {
			return Command{}, err
		}
		return Command{Kind: File, Arg: rest}, nil
	case Sort:
		return parseSort(rest)
	case Find:
		// The query is the search language's to check: the find prompt
		// shows its errors with a caret.
		return Command{Kind: Find, Arg: rest}, nil
	case Compare:
		ids := strings.Fields(rest)
		if len(ids) != 2 {
			return Command{}, errors.New("compare needs two cluster IDs: :compare A B")
		}
		return Command{Kind: Compare, Arg: ids[0], Value: ids[1]}, nil
	case Threshold:
		args := strings.Fields(rest)
		if len(args) != 2 {
			return Command{}, errors.New("threshold needs a name and a value: :threshold NAME VALUE (? lists them)")
		}
		return Command{Kind: Threshold, Arg: strings.ToLower(args[0]), Value: args[1]}, nil
	}
	if rest != "" {
		return Command{}, errors.New(spec.Name + " takes no arguments (got " + quote(rest) + ")")
	}
	return Command{Kind: spec.Kind}, nil
}

// validName is IMM's rule for project and dataset names: 1-128 letters,
// digits, '-' and '_', not starting with '-' or '_'.
func validName(s string) bool {
	if s == "" || len(s) > 128 || s[0] == '-' || s[0] == '_' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func lookup(name string) (Spec, bool) {
	for _, s := range Specs {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// CheckFileURI accepts oss://bucket/key and pds://... (a non-empty path):
// the two URI forms IMM files have.
func CheckFileURI(uri string) error {
	switch {
	case uri == "":
		return errors.New("file needs a URI: :file oss://bucket/key")
	case hasPrefixFold(uri, "oss://"):
		bucket, key, _ := strings.Cut(uri[len("oss://"):], "/")
		if bucket == "" || key == "" || strings.HasSuffix(key, "/") {
			return errors.New("an oss:// URI names a bucket and a file: oss://bucket/path/file (got " + quote(uri) + ")")
		}
	case hasPrefixFold(uri, "pds://"):
		if strings.Trim(uri[len("pds://"):], "/") == "" {
			return errors.New("a pds:// URI names a file after pds:// (got " + quote(uri) + ")")
		}
	default:
		return errors.New("file URIs start with oss:// or pds:// (got " + quote(uri) + ")")
	}
	return nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func parseSort(rest string) (Command, error) {
	args := strings.Fields(rest)
	keys := strings.Join(imm.SortKeys, ", ")
	switch {
	case len(args) == 0:
		return Command{}, errors.New("sort needs a key, one of " + keys + ", " + strings.Join(ReviewSorts, ", "))
	case len(args) > 2:
		return Command{}, errors.New("sort takes a key and an order: :sort KEY [asc|desc]")
	}
	key, ok := SortKey(args[0])
	for _, r := range ReviewSorts {
		if strings.EqualFold(r, args[0]) {
			key, ok = r, true
		}
	}
	if !ok {
		return Command{}, errors.New("unknown sort key " + quote(args[0]) + "; keys are " + keys + ", " + strings.Join(ReviewSorts, ", "))
	}
	c := Command{Kind: Sort, Arg: key}
	if len(args) == 2 {
		c.Order = strings.ToLower(args[1])
		if c.Order != "asc" && c.Order != "desc" {
			return Command{}, errors.New("sort order is asc or desc (got " + quote(args[1]) + ")")
		}
	}
	return c, nil
}

// SortKey is s as imm.SortKeys spells it (matched ignoring case).
func SortKey(s string) (string, bool) {
	for _, k := range imm.SortKeys {
		if strings.EqualFold(k, s) {
			return k, true
		}
	}
	return "", false
}

// quote shows what the user typed, cut to 60 runes and with anything
// unprintable escaped: a pasted escape sequence is shown, never run.
func quote(s string) string {
	const most = 60
	if utf8.RuneCountInString(s) <= most {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:most])) + "..."
}
