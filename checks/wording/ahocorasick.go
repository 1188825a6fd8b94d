package wording

// matcher finds every occurrence of a set of words in one pass over a text
// (Aho–Corasick over bytes: UTF-8 words match only at rune boundaries).
type matcher struct {
	next  []map[byte]int32 // goto function, by state (while building)
	fail  []int32
	delta []int32   // the full automaton: delta[state*256+byte], one lookup a byte
	out   [][]int32 // word indexes ending at each state, longest first
	words []string
}

func newMatcher(words []string) *matcher {
	m := &matcher{next: []map[byte]int32{{}}, fail: []int32{0}, out: [][]int32{nil}, words: words}
	for i, w := range words {
		s := int32(0)
		for j := 0; j < len(w); j++ {
			n, ok := m.next[s][w[j]]
			if !ok {
				n = int32(len(m.next))
				m.next = append(m.next, map[byte]int32{})
				m.fail = append(m.fail, 0)
				m.out = append(m.out, nil)
				m.next[s][w[j]] = n
			}
			s = n
		}
		m.out[s] = append(m.out[s], int32(i))
	}
	m.link()
	m.compile()
	return m
}

// compile turns goto and failure links into one transition table, so that
// scanning costs a table lookup a byte (hundreds of MB/s) rather than a map
// lookup and a walk of failure links.
func (m *matcher) compile() {
	n := len(m.next)
	m.delta = make([]int32, n*256)
	order := make([]int32, 0, n)
	order = append(order, 0)
	for i := 0; i < len(order); i++ {
		s := order[i]
		for b := 0; b < 256; b++ {
			if t, ok := m.next[s][byte(b)]; ok {
				m.delta[int(s)*256+b] = t
				order = append(order, t)
			} else if s != 0 {
				m.delta[int(s)*256+b] = m.delta[int(m.fail[s])*256+b]
			}
		}
	}
	m.next = nil
}

// link sets failure links breadth first and merges each state's outputs
// with those of its failure state.
func (m *matcher) link() {
	queue := make([]int32, 0, len(m.next))
	for _, n := range m.next[0] {
		queue = append(queue, n)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for b, n := range m.next[s] {
			queue = append(queue, n)
			f := m.fail[s]
			for f != 0 {
				if _, ok := m.next[f][b]; ok {
					break
				}
				f = m.fail[f]
			}
			if t, ok := m.next[f][b]; ok && t != n {
				m.fail[n] = t
			}
			m.out[n] = append(m.out[n], m.out[m.fail[n]]...)
		}
	}
}

// hit is one occurrence: word index and byte offsets.
type hit struct {
	word       int
	start, end int
}

// find calls emit for every occurrence of every word in text.
func (m *matcher) find(text string, emit func(hit)) {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = m.delta[int(s)*256+int(text[i])]
		for _, w := range m.out[s] {
			emit(hit{word: int(w), start: i + 1 - len(m.words[w]), end: i + 1})
		}
	}
}
