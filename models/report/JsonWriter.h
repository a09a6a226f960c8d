#pragma once

#include <QString>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bl {

// Streams JSON into a string, pretty-printed like nlohmann's dump(2). The command line writes reports of
// thousands of units; building a document tree first cost more than the whole import.
class JsonWriter
{
public:
    explicit JsonWriter(std::string& out, int indent = 2)
        : m_out(out)
        , m_indent(indent)
    {
    }

    JsonWriter& beginObject() { return open('{'); }
    JsonWriter& endObject() { return close('}'); }
    JsonWriter& beginArray() { return open('['); }
    JsonWriter& endArray() { return close(']'); }

    JsonWriter& key(std::string_view k)
    {
        separate();
        string(k);
        m_out += m_indent > 0 ? "\": " : "\":";
        m_afterKey = true;
        return *this;
    }
    JsonWriter& value(std::string_view s)
    {
        separate();
        string(s);
        m_out += '"';
        return *this;
    }
    JsonWriter& value(const QString& s) { return value(std::string_view(s.toStdString())); }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b)
    {
        separate();
        m_out += b ? "true" : "false";
        return *this;
    }
    JsonWriter& value(std::int64_t v)
    {
        separate();
        m_out += std::to_string(v);
        return *this;
    }
    JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(std::size_t v)
    {
        separate();
        m_out += std::to_string(v);
        return *this;
    }
    JsonWriter& value(double v)
    {
        separate();
        if (!std::isfinite(v)) {
            m_out += "null";
            return *this;
        }
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
        m_out += text;
        if (text.find_first_of(".e") == std::string_view::npos)
            m_out += ".0"; // keep doubles recognisable as such, as nlohmann prints them
        return *this;
    }
    JsonWriter& null()
    {
        separate();
        m_out += "null";
        return *this;
    }
    template <typename T> JsonWriter& field(std::string_view k, const T& v)
    {
        key(k);
        return value(v);
    }

private:
    JsonWriter& open(char c)
    {
        separate();
        m_out += c;
        m_first.push_back(true);
        return *this;
    }
    JsonWriter& close(char c)
    {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty)
            newline();
        m_out += c;
        return *this;
    }
    void newline()
    {
        if (m_indent <= 0)
            return;
        m_out += '\n';
        m_out.append(m_first.size() * static_cast<std::size_t>(m_indent), ' ');
    }
    // Before a value or key: a comma and a line break unless this is the value right after its key.
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_first.empty())
            return;
        if (!m_first.back())
            m_out += ',';
        m_first.back() = false;
        newline();
    }
    // Writes an opening quote and the escaped text; the caller closes.
    void string(std::string_view s)
    {
        m_out += '"';
        for (const char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            switch (c) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\t':
                m_out += "\\t";
                break;
            case '\b':
                m_out += "\\b";
                break;
            case '\f':
                m_out += "\\f";
                break;
            default:
                if (c < 0x20) {
                    static const char hex[] = "0123456789abcdef";
                    m_out += "\\u00";
                    m_out += hex[c >> 4];
                    m_out += hex[c & 15];
                } else {
                    m_out += ch;
                }
            }
        }
    }

    std::string& m_out;
    int m_indent;
    std::vector<bool> m_first;
    bool m_afterKey = false;
};

} // namespace bl
