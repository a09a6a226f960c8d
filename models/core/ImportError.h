#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <utility>
#include <variant>

namespace bl {

// Why a file could not be imported. `file` is always set so that every message a user sees names the file.
struct ImportError
{
    QString file;
    QString message;    // what is wrong, in a sentence
    qint64 line = -1;   // 1-based line, where the input is line oriented
    qint64 offset = -1; // byte offset, where it helps
    bool cancelled = false;

    // "FILE: line 12: MESSAGE" — the one format used by the window and the command line.
    QString toString() const;
};

// Either an immutable, shared value or the error that prevented it. Importers never return half a run.
template <typename T> class Result
{
public:
    Result(std::shared_ptr<const T> value)
        : m_value(std::move(value))
    {
    }
    Result(ImportError error)
        : m_value(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<std::shared_ptr<const T>>(m_value); }
    explicit operator bool() const { return ok(); }
    const std::shared_ptr<const T>& value() const { return std::get<std::shared_ptr<const T>>(m_value); }
    const ImportError& error() const { return std::get<ImportError>(m_value); }

private:
    std::variant<std::shared_ptr<const T>, ImportError> m_value;
};

} // namespace bl
