package emulator

import (
	"math/bits"
	"slices"
)

// How a query uses the value indexes (index.go). A plan bounds a
// condition by the files it can hold on and says what is left to check on
// them by reflection (query.go); when nothing is left, the indexes alone
// gave the answer. Every plan is exact or a superset, never a guess:
//
//   - eq and prefix on an indexed field are exact (eq on URI too);
//   - or is bounded when every subquery is, exact when every one is;
//   - and is bounded by the intersection of its bounded subquery plans,
//     and what is left is the and of what they left and of the unbounded
//     ones;
//   - not is exact when its subqueries are (the complement of their
//     union), and unbounded otherwise;
//   - nested is bounded like and (one element holding every subquery
//     implies the file holds each), but always checked: the indexes do not
//     know which element held which value. Inside nested only the monotone
//     forms bound (eq, prefix, and, or): a not there is unbounded, since
//     "some element is not X" says nothing of the file's set of values.

type plan struct {
	ok   bool       // an index bounds the condition
	cand []int32    // when ok: the files it can hold on, ascending; may alias an index, never written
	rest *queryNode // when ok: what remains to check on cand; nil when cand is the answer
}

// planner plans one query under the request's deadline.
type planner struct {
	de      *datasetEntry
	stop    *deadlineCheck
	stopped bool
}

func (p *planner) expired() bool {
	if !p.stopped && p.stop.expired() {
		p.stopped = true
	}
	return p.stopped
}

// plan plans n; nested is true under a nested condition.
func (p *planner) plan(n *queryNode, nested bool) plan {
	switch n.op {
	case "eq", "prefix":
		cand, ok := p.leaf(n)
		if !ok {
			return plan{}
		}
		out := plan{ok: true, cand: cand}
		if nested {
			out.rest = n
		}
		return out
	case "and", "nested":
		var bounded []plan
		var rest []*queryNode
		for _, c := range n.subs {
			cp := p.plan(c, nested || n.op == "nested")
			if !cp.ok {
				rest = append(rest, c)
				continue
			}
			bounded = append(bounded, cp)
			if cp.rest != nil {
				rest = append(rest, cp.rest)
			}
		}
		if len(bounded) == 0 {
			return plan{}
		}
		slices.SortStableFunc(bounded, func(a, b plan) int { return len(a.cand) - len(b.cand) })
		cand := bounded[0].cand
		for _, b := range bounded[1:] {
			cand = p.intersect(cand, b.cand)
		}
		out := plan{ok: true, cand: cand}
		switch {
		case n.op == "nested":
			out.rest = n
		case len(rest) == 1:
			out.rest = rest[0]
		case len(rest) > 1:
			out.rest = &queryNode{op: "and", subs: rest}
		}
		return out
	case "or":
		lists := make([][]int32, 0, len(n.subs))
		exact := true
		for _, c := range n.subs {
			cp := p.plan(c, nested)
			if !cp.ok {
				return plan{}
			}
			lists = append(lists, cp.cand)
			exact = exact && cp.rest == nil
		}
		out := plan{ok: true, cand: p.union(lists)}
		if !exact {
			out.rest = n
		}
		return out
	case "not":
		if nested {
			return plan{}
		}
		lists := make([][]int32, 0, len(n.subs))
		for _, c := range n.subs {
			cp := p.plan(c, false)
			if !cp.ok || cp.rest != nil {
				return plan{}
			}
			lists = append(lists, cp.cand)
		}
		return plan{ok: true, cand: p.complement(p.union(lists))}
	}
	return plan{}
}

// leaf answers an eq or prefix from an index; false when the field has none.
func (p *planner) leaf(n *queryNode) ([]int32, bool) {
	if n.field == "URI" && n.op == "eq" {
		if i, found := p.de.fileByURI[n.value]; found {
			return []int32{i}, true
		}
		return nil, true
	}
	x := p.de.fieldIndex(n.field)
	if x == nil {
		return nil, false
	}
	if n.op == "eq" {
		return x.files[n.value], true
	}
	return p.union(x.withPrefix(n.value)), true
}

// union merges ascending lists through a bitset of the dataset's files.
func (p *planner) union(lists [][]int32) []int32 {
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return lists[0]
	}
	set := make([]uint64, (len(p.de.files)+63)/64)
	total := 0
	for _, l := range lists {
		for _, i := range l {
			if p.expired() {
				return nil
			}
			set[i>>6] |= 1 << (i & 63)
		}
		total += len(l)
	}
	return collect(set, total, false, len(p.de.files))
}

// complement is every file not in the ascending list l.
func (p *planner) complement(l []int32) []int32 {
	set := make([]uint64, (len(p.de.files)+63)/64)
	for _, i := range l {
		if p.expired() {
			return nil
		}
		set[i>>6] |= 1 << (i & 63)
	}
	return collect(set, len(p.de.files)-len(l), true, len(p.de.files))
}

// collect lists the set bits of set (the clear ones when inverted) below n.
func collect(set []uint64, capHint int, inverted bool, n int) []int32 {
	out := make([]int32, 0, max(capHint, 0))
	for w, word := range set {
		if inverted {
			word = ^word
			if rem := n - w*64; rem < 64 {
				word &= 1<<rem - 1
			}
		}
		for word != 0 {
			b := bits.TrailingZeros64(word)
			out = append(out, int32(w*64+b))
			word &= word - 1
		}
	}
	return out
}

// intersect is the files in both ascending lists: a binary search per
// element of the shorter when the other is much longer, else a merge.
func (p *planner) intersect(a, b []int32) []int32 {
	if len(a) > len(b) {
		a, b = b, a
	}
	out := make([]int32, 0, len(a))
	if len(a)*8 < len(b) {
		for _, x := range a {
			if p.expired() {
				return nil
			}
			j, found := slices.BinarySearch(b, x)
			if found {
				out = append(out, x)
			}
			b = b[j:]
		}
		return out
	}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if p.expired() {
			return nil
		}
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
