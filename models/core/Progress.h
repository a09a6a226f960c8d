#pragma once

namespace bl {

// How long work reports how far it got and learns that it should stop. The GUI's worker thread, the command
// line and the tests each provide their own; importers poll `cancelled()` between chunks of work.
class Progress
{
public:
    virtual ~Progress() = default;
    virtual void setFraction(double /*fraction 0..1*/) {}
    virtual bool cancelled() const { return false; }
};

} // namespace bl
