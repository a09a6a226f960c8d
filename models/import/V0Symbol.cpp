#include "V0Symbol.h"

#include <cctype>

namespace bl {

namespace {

// The grammar of RFC 2603 ("Rust symbol name mangling v0"), skipping what the crate placement does not need.
// Positions, as back-references count them, start after `_R`.
class Parser
{
public:
    explicit Parser(std::string_view s)
        : m_s(s)
    {
    }

    bool failed() const { return m_failed; }
    std::size_t pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_pos]; }

    // A path; `crate` receives the crate root it leads to (the first one in the path's own chain).
    void path(V0Crate* crate)
    {
        Depth guard(*this);
        if (m_failed)
            return;
        const char c = take();
        switch (c) {
        case 'C': { // crate root
            V0Crate root;
            identifier(&root.name, &root.disambiguator);
            if (crate && !m_failed)
                *crate = std::move(root);
            return;
        }
        case 'M': // <T> inherent impl: the impl's parent path, then the self type
            implPath(crate);
            type();
            return;
        case 'X': // <T as Trait> trait impl
            implPath(crate);
            type();
            path(nullptr);
            return;
        case 'Y': { // <T as Trait> in the trait's own definition: the trait's crate defines it
            type();
            path(crate);
            return;
        }
        case 'N': // nested: namespace, path, identifier
            if (!std::isalpha(static_cast<unsigned char>(take())))
                return fail();
            path(crate);
            identifier(nullptr, nullptr);
            return;
        case 'I': // generic arguments
            path(crate);
            untilEnd([&] { genericArg(); });
            return;
        case 'B':
            backref([&](Parser& at) { at.path(crate); });
            return;
        default:
            return fail();
        }
    }

    void type()
    {
        Depth guard(*this);
        if (m_failed)
            return;
        const char c = peek();
        if (isBasicType(c)) {
            ++m_pos;
            return;
        }
        switch (c) {
        case 'A': // [T; N]
            ++m_pos;
            type();
            constant();
            return;
        case 'S': // [T]
        case 'P': // *const T
        case 'O': // *mut T
            ++m_pos;
            type();
            return;
        case 'R': // &T
        case 'Q': // &mut T
            ++m_pos;
            if (peek() == 'L')
                lifetime();
            type();
            return;
        case 'T': // tuple
            ++m_pos;
            untilEnd([&] { type(); });
            return;
        case 'F': // fn pointer
            ++m_pos;
            fnSig();
            return;
        case 'D': // dyn Trait + ...
            ++m_pos;
            dynBounds();
            lifetime();
            return;
        case 'B':
            ++m_pos;
            backref([](Parser& at) { at.type(); });
            return;
        default:
            path(nullptr);
            return;
        }
    }

private:
    struct Depth
    {
        Parser& p;
        explicit Depth(Parser& parser)
            : p(parser)
        {
            if (++p.m_depth > kMaxDepth)
                p.fail();
        }
        ~Depth() { --p.m_depth; }
    };
    static constexpr int kMaxDepth = 256;

    void fail() { m_failed = true; }

    char take()
    {
        if (atEnd()) {
            fail();
            return '\0';
        }
        return m_s[m_pos++];
    }

    static bool isBasicType(char c)
    {
        switch (c) {
        case 'a':
        case 'b':
        case 'c':
        case 'd':
        case 'e':
        case 'f':
        case 'h':
        case 'i':
        case 'j':
        case 'l':
        case 'm':
        case 'n':
        case 'o':
        case 'p':
        case 's':
        case 't':
        case 'u':
        case 'v':
        case 'x':
        case 'y':
        case 'z':
            return true;
        default:
            return false;
        }
    }

    // base-62-number: `_` is 0, else digits then `_` for the value plus one
    std::size_t base62()
    {
        if (peek() == '_') {
            ++m_pos;
            return 0;
        }
        std::size_t value = 0;
        while (!atEnd() && peek() != '_') {
            const char c = take();
            int d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (c >= 'a' && c <= 'z')
                d = 10 + (c - 'a');
            else if (c >= 'A' && c <= 'Z')
                d = 36 + (c - 'A');
            else
                return fail(), 0;
            if (value > (std::size_t(-1) - 62) / 62)
                return fail(), 0;
            value = value * 62 + std::size_t(d);
        }
        if (take() != '_')
            fail();
        return value + 1;
    }

    void identifier(std::string* name, std::string* disambiguator)
    {
        if (peek() == 's') {
            ++m_pos;
            const std::size_t start = m_pos;
            base62();
            if (disambiguator && !m_failed)
                *disambiguator = std::string(m_s.substr(start, m_pos - start - 1));
        }
        if (peek() == 'u') // punycode; the name stays encoded
            ++m_pos;
        if (!std::isdigit(static_cast<unsigned char>(peek())))
            return fail();
        std::size_t length = 0;
        if (peek() == '0') {
            ++m_pos;
        } else {
            while (std::isdigit(static_cast<unsigned char>(peek()))) {
                length = length * 10 + std::size_t(take() - '0');
                if (length > m_s.size())
                    return fail();
            }
        }
        if (peek() == '_')
            ++m_pos;
        if (m_pos + length > m_s.size())
            return fail();
        if (name)
            *name = std::string(m_s.substr(m_pos, length));
        m_pos += length;
    }

    void implPath(V0Crate* crate)
    {
        if (peek() == 's') {
            ++m_pos;
            base62();
        }
        path(crate);
    }

    void lifetime()
    {
        if (take() != 'L')
            return fail();
        base62();
    }

    void genericArg()
    {
        if (peek() == 'L')
            return lifetime();
        if (peek() == 'K') {
            ++m_pos;
            return constant();
        }
        type();
    }

    void constant()
    {
        Depth guard(*this);
        if (m_failed)
            return;
        if (peek() == 'p') {
            ++m_pos;
            return;
        }
        if (peek() == 'B') {
            ++m_pos;
            return backref([](Parser& at) { at.constant(); });
        }
        if (!isBasicType(peek()))
            return fail(); // structural constants (unstable adt_const_params) are not read
        ++m_pos;
        if (peek() == 'n')
            ++m_pos;
        while (std::isxdigit(static_cast<unsigned char>(peek())))
            ++m_pos;
        if (take() != '_')
            fail();
    }

    void fnSig()
    {
        if (peek() == 'G') {
            ++m_pos;
            base62();
        }
        if (peek() == 'U')
            ++m_pos;
        if (peek() == 'K') {
            ++m_pos;
            if (peek() == 'C')
                ++m_pos;
            else
                identifier(nullptr, nullptr);
        }
        untilEnd([&] { type(); });
        type();
    }

    void dynBounds()
    {
        if (peek() == 'G') {
            ++m_pos;
            base62();
        }
        untilEnd([&] {
            path(nullptr);
            while (!m_failed && peek() == 'p') {
                ++m_pos;
                identifier(nullptr, nullptr);
                type();
            }
        });
    }

    // Items up to the `E` that ends a list (generic arguments, a tuple, a signature, dyn bounds), and the
    // `E`.
    template <typename F> void untilEnd(F item)
    {
        while (!m_failed && peek() != 'E') {
            if (atEnd())
                return fail();
            item();
        }
        take();
    }

    // `B` was read: the target, strictly before the back-reference itself, is parsed where it stands
    template <typename F> void backref(F parseThere)
    {
        const std::size_t at = m_pos - 1;
        const std::size_t target = base62();
        if (m_failed || target >= at)
            return fail();
        Parser there(m_s);
        there.m_pos = target;
        there.m_depth = m_depth;
        parseThere(there);
        if (there.m_failed)
            fail();
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    int m_depth = 0;
    bool m_failed = false;
};

} // namespace

V0Symbol parseV0Symbol(std::string_view mangled)
{
    V0Symbol out;
    if (mangled.substr(0, 2) != "_R")
        return out;
    std::string_view s = mangled.substr(2);
    if (const std::size_t dot = s.find('.'); dot != std::string_view::npos) // .llvm.NNN and the like
        s = s.substr(0, dot);
    std::size_t skip = 0;
    while (skip < s.size() && std::isdigit(static_cast<unsigned char>(s[skip]))) // encoding version
        ++skip;
    if (skip > 0)
        return out; // only the first version exists; a later one may read differently
    Parser p(s);
    p.path(&out.defining);
    if (p.failed())
        return out;
    if (!p.atEnd() && (p.peek() == 'C' || p.peek() == 'B')) {
        p.path(&out.instantiating);
        if (p.failed())
            return out;
    }
    out.ok = true;
    return out;
}

} // namespace bl
