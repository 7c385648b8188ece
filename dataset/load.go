package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Load reads a dataset file (docs/architecture.md "Dataset files"): one JSON object
// {"Projects":[...],"Datasets":[...],"FigureClusters":[...],"Files":[...]}
// of the API's own models, taken as IMM answered them. With one dataset,
// every cluster and file belongs to it; with several, each must name its
// ProjectName and DatasetName. Either way records keep the names they
// carry. Contradictions that would make the emulator answer wrongly (two
// files with one URI, two clusters with one ObjectId) stop loading with an
// error naming the offending index; what IMM's answers may hold (a face of
// a cluster the file lacks, a cover that is not one of its files) is kept
// and returned as warnings (see Check). Missing derived fields are then
// computed (Complete).
func Load(r io.Reader) (d *Dataset, warnings []string, err error) {
	br := bufio.NewReader(r)
	if err := expectObject(br); err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(br)
	dec.DisallowUnknownFields() // top level only: the models keep unknown keys themselves
	d = &Dataset{}
	if err := dec.Decode(d); err != nil {
		return nil, nil, describe(err)
	}
	if dec.More() {
		return nil, nil, errors.New("dataset file: extra data after the top-level object; a dataset file is one JSON object")
	}
	warnings, err = d.Check()
	if err != nil {
		return nil, nil, fmt.Errorf("dataset file is inconsistent:\n%w", err)
	}
	d.Complete()
	return d, warnings, nil
}

// LoadFile is Load of the file at path.
func LoadFile(path string) (*Dataset, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open dataset file: %w", err)
	}
	defer f.Close()
	d, warnings, err := Load(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, warnings, nil
}

// expectObject rejects input that is not a JSON object before decoding, so
// an array or a stray text file gets a message about the shape.
func expectObject(br *bufio.Reader) error {
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return errors.New(`dataset file is empty: expected a JSON object {"Projects":[…],"Datasets":[…],"FigureClusters":[…],"Files":[…]}`)
		}
		if err != nil {
			return fmt.Errorf("reading dataset file: %w", err)
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case 0xEF: // a UTF-8 byte order mark, as some editors write
			if b, _ := br.Peek(2); bytes.Equal(b, []byte{0xBB, 0xBF}) {
				_, _ = br.Discard(2)
				continue
			}
		case '{':
			return br.UnreadByte()
		}
		return fmt.Errorf(`dataset file does not start with a JSON object (found %q): expected {"Projects":[…],"Datasets":[…],"FigureClusters":[…],"Files":[…]}`, rune(c))
	}
}

// describe turns a decoding error into one that says where and what.
func describe(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("dataset file is not valid JSON at byte %d: %v", syn.Offset, err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the top level"
		}
		return fmt.Errorf("dataset file has the wrong shape: %s is a JSON %s, expected %s (byte %d)", field, typ.Value, typ.Type, typ.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Errorf("dataset file has an unknown top-level key %s: expected only Projects, Datasets, FigureClusters and Files",
			strings.TrimPrefix(err.Error(), "json: unknown field "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("dataset file ends in the middle of the JSON: is it truncated?")
	}
	return fmt.Errorf("dataset file: %w", err)
}
