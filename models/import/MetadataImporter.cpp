#include "MetadataImporter.h"

#include "../core/Tr.h"
#include "FileKind.h"
#include "ImportUtil.h"
#include "JsonNumber.h"

#include <QCoreApplication>
#include <QHash>

#include <nlohmann/json.hpp>

namespace bl {

using nlohmann::json;

namespace {
QString str(const json& j, const char* key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}
} // namespace

int DepGraph::indexOf(const QString& name, const QString& version) const
{
    for (std::size_t i = 0; i < packages.size(); ++i)
        if (packages[i].name == name && (version.isEmpty() || packages[i].version == version))
            return static_cast<int>(i);
    return -1;
}

Result<DepGraph> importCargoMetadata(const QString& path, Progress& progress)
{
    ImportError error;
    const auto data = detail::readWholeFile(path, fileSizeLimit(FileKind::CargoMetadata), error);
    if (!data)
        return error;
    if (data->trimmed().isEmpty())
        return ImportError{path,
                           tr("the file is empty (cargo metadata prints nothing on stdout when it fails)")};
    const json j = json::parse(data->constData(), data->constData() + data->size(), nullptr, false);
    if (j.is_discarded())
        return ImportError{path, tr("not valid JSON (cut off, or not the stdout of cargo metadata?)")};
    if (!j.is_object() || !j.contains("packages") || !j.at("packages").is_array())
        return ImportError{path, tr("not cargo metadata: no `packages` list")};
    if (detail::jsonInt(j, "version", 0) != 1)
        return ImportError{path, tr("unsupported cargo metadata format version %1 (supported: 1)")
                                     .arg(detail::jsonInt(j, "version", 0))};
    auto graph = std::make_shared<DepGraph>();
    graph->file = path;
    graph->workspaceRoot = str(j, "workspace_root");
    QHash<QString, int> byId;
    struct Declared
    {
        QString name, rename;
        QStringList features;
        bool defaults = true;
    };
    std::vector<std::vector<Declared>> declared; // per package, its Cargo.toml's dependencies
    try {
        for (const json& p : j.at("packages")) {
            DepPackage pkg;
            pkg.id = str(p, "id");
            pkg.name = str(p, "name");
            pkg.version = str(p, "version");
            pkg.source = str(p, "source");
            if (pkg.id.isEmpty() || pkg.name.isEmpty())
                return ImportError{path, tr("a package has no `id` or `name`")};
            if (auto targets = p.find("targets"); targets != p.end() && targets->is_array())
                for (const json& t : *targets)
                    if (auto kinds = t.find("kind"); kinds != t.end() && kinds->is_array())
                        for (const json& k : *kinds)
                            pkg.procMacro =
                                pkg.procMacro || (k.is_string() && k.get<std::string>() == "proc-macro");
            std::vector<Declared> deps;
            if (auto ds = p.find("dependencies"); ds != p.end() && ds->is_array())
                for (const json& d : *ds) {
                    if (!d.is_object())
                        continue;
                    Declared decl;
                    decl.name = str(d, "name");
                    decl.rename = str(d, "rename");
                    decl.defaults = d.value("uses_default_features", true);
                    if (auto f = d.find("features"); f != d.end() && f->is_array())
                        for (const json& feat : *f)
                            if (feat.is_string())
                                decl.features << QString::fromStdString(feat.get<std::string>());
                    deps.push_back(std::move(decl));
                }
            declared.push_back(std::move(deps));
            byId.insert(pkg.id, static_cast<int>(graph->packages.size()));
            graph->packages.push_back(std::move(pkg));
        }
        if (auto m = j.find("workspace_members"); m != j.end() && m->is_array())
            for (const json& id : *m)
                if (auto it = byId.constFind(QString::fromStdString(id.get<std::string>()));
                    it != byId.constEnd()) {
                    graph->members.push_back(*it);
                    graph->packages[static_cast<std::size_t>(*it)].member = true;
                }
        graph->out.resize(graph->packages.size());
        graph->in.resize(graph->packages.size());
        const json resolve = j.value("resolve", json());
        if (!resolve.is_object()) {
            graph->warnings << tr("no resolved graph (cargo metadata --no-deps): packages only, no edges");
        } else {
            for (const json& node : resolve.at("nodes")) {
                const auto from = byId.constFind(str(node, "id"));
                if (from == byId.constEnd()) {
                    graph->warnings << tr("resolve node %1 is not among the packages").arg(str(node, "id"));
                    continue;
                }
                if (auto f = node.find("features"); f != node.end() && f->is_array())
                    for (const json& feat : *f)
                        graph->packages[static_cast<std::size_t>(*from)].features
                            << QString::fromStdString(feat.get<std::string>());
                for (const json& d : node.value("deps", json::array())) {
                    const auto to = byId.constFind(str(d, "pkg"));
                    if (to == byId.constEnd()) {
                        graph->warnings << tr("%1 depends on %2, which is not among the packages")
                                               .arg(str(node, "id"), str(d, "pkg"));
                        continue;
                    }
                    DepEdge e;
                    e.from = *from;
                    e.to = *to;
                    e.name = str(d, "name");
                    const json kinds = d.value("dep_kinds", json::array());
                    if (kinds.empty())
                        e.normal = true; // cargo before 1.41 wrote no kinds
                    for (const json& k : kinds) {
                        const QString kind = k.contains("kind") && k.at("kind").is_string()
                                                 ? QString::fromStdString(k.at("kind").get<std::string>())
                                                 : QString();
                        if (kind == QLatin1String("dev"))
                            e.dev = true;
                        else if (kind == QLatin1String("build"))
                            e.build = true;
                        else
                            e.normal = true;
                        if (k.contains("target") && k.at("target").is_string())
                            e.platforms << QString::fromStdString(k.at("target").get<std::string>());
                    }
                    // the declarations it came from: by package name, and by the rename where there is one
                    // (two versions of one crate need a rename to sit side by side)
                    bool found = false;
                    auto underscored = [](QString s) {
                        return s.replace(QLatin1Char('-'), QLatin1Char('_'));
                    };
                    for (const Declared& decl : declared[static_cast<std::size_t>(e.from)]) {
                        if (decl.name != graph->packages[static_cast<std::size_t>(e.to)].name ||
                            (!decl.rename.isEmpty() && underscored(decl.rename) != underscored(e.name)))
                            continue;
                        e.defaultFeatures = found ? e.defaultFeatures || decl.defaults : decl.defaults;
                        found = true;
                        for (const QString& f : decl.features)
                            if (!e.features.contains(f))
                                e.features << f;
                    }
                    const int index = static_cast<int>(graph->edges.size());
                    graph->out[static_cast<std::size_t>(e.from)].push_back(index);
                    graph->in[static_cast<std::size_t>(e.to)].push_back(index);
                    graph->edges.push_back(std::move(e));
                }
            }
        }
    } catch (const std::exception& e) {
        return ImportError{path, tr("unexpected data: %1").arg(QString::fromUtf8(e.what()))};
    }
    progress.setFraction(1.0);
    return std::shared_ptr<const DepGraph>(std::move(graph));
}

} // namespace bl
