/*
 * The libdnf5 plugin: judges dnf5's resolved transaction in goal_resolved,
 * before dnf5 prints its table and asks, so `dnf5 upgrade`, `--assumeno` and
 * xapi's dry run show the verdict, and enforce mode stops the transaction
 * with the reason as dnf5's error. A thin adapter: C++ only where libdnf5's
 * API demands it; the transaction model, the host probe and the report are
 * lib/ and ext/rpm_plugin.c, as for the rpm plugin, with the same
 * configuration (rpm's %__transaction_lpcheck_* macros).
 *
 * What it reads: the livepatch() Provides of each package (repository
 * metadata always has them) and the file list libdnf5 has (installed
 * packages: all; repository packages: only with filelists loaded). A package
 * it cannot see into is unknown, never empty: it never flags or blocks on it.
 */
#include <libdnf5/base/base.hpp>
#include <libdnf5/base/transaction.hpp>
#include <libdnf5/base/transaction_package.hpp>
#include <libdnf5/logger/logger.hpp>
#include <libdnf5/conf/config_parser.hpp>
#include <libdnf5/conf/const.hpp>
#include <libdnf5/plugin/iplugin.hpp>
#include <libdnf5/rpm/package_query.hpp>
#include <libdnf5/transaction/transaction_item_action.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" {
#include "config.h"
#include "report.h"
#include "rpm_plugin.h"
}

namespace {

constexpr const char * PLUGIN_NAME = "lpcheck";
constexpr libdnf5::plugin::Version PLUGIN_VERSION{0, 1, 0};
constexpr libdnf5::PluginAPIVersion REQUIRED_PLUGIN_API_VERSION{.major = 2, .minor = 1};
constexpr const char * attrs[]{"description", nullptr};
constexpr const char * attrs_value[]{"Xen and kernel live patch verdicts before the transaction runs (lpcheck)."};

std::exception_ptr last_exception;

/*
 * What libdnf5 shows of a package's contents: an installed package's whole
 * file list, a repository package's only where its repository's filelists
 * are loaded (dnf5 loads none by default: primary's few paths are no file
 * list), a command-line .rpm's always. Paths, never modes or symlink targets.
 */
lp_contents contents_of(const libdnf5::rpm::Package & p, bool installed, bool filelists_loaded) {
    if (installed || filelists_loaded || p.get_repo_id() == "@commandline")
        return LP_CONTENTS_PATHS;
    return LP_CONTENTS_UNKNOWN;
}

/*
 * The package as lpcheck's model, when it is a live patch package or may be
 * one nobody can see (unknown contents, no livepatch Provides: the verdict
 * is then unknown, left to the rpm plugin, which reads the headers); nullptr
 * for an ordinary package.
 */
lp_package * package_of(const libdnf5::rpm::Package & p, lp_contents contents) {
    lp_package * pkg = lp_package_new(contents, p.get_name().c_str(), p.get_epoch().c_str(), p.get_version().c_str(),
                                      p.get_release().c_str(), p.get_arch().c_str());
    if (pkg == nullptr)
        return nullptr;
    for (const auto & reldep : p.get_provides())
        if (lp_provides_is_livepatch(reldep.get_name()))
            lp_package_add_provides(pkg, reldep.get_name());
    if (contents != LP_CONTENTS_UNKNOWN)
        for (const auto & path : p.get_files())
            if (lp_path_is_relevant(path.c_str()))
                lp_package_add_file(pkg, path.c_str(), 0, nullptr);
    if (!lp_package_finish(pkg) ||
        !(pkg->is_livepatch[LP_XEN] || pkg->is_livepatch[LP_KERNEL] || lp_package_unseen(pkg)))
        return lp_package_free(pkg);
    return pkg;
}

void push(lp_pkglist & list, lp_package * pkg) {
    if (pkg && !lp_pkglist_push(&list, pkg))
        throw std::bad_alloc();
}

/* The installed live patch packages: owners of a component directory, of a path below one, or of a Provides. */
void read_installed(libdnf5::Base & base, lp_pkglist & out) {
    libdnf5::rpm::PackageQuery by_dir(base), below(base), by_provides(base);
    by_dir.filter_installed();
    by_dir.filter_file(std::vector<std::string>{lp_component_dir(LP_XEN), lp_component_dir(LP_KERNEL)});
    below.filter_installed();
    below.filter_file(
        std::vector<std::string>{std::string(lp_component_dir(LP_XEN)) + "/*", std::string(lp_component_dir(LP_KERNEL)) + "/*"},
        libdnf5::sack::QueryCmp::GLOB);
    by_provides.filter_installed();
    by_provides.filter_provides(std::vector<std::string>{"livepatch(*"}, libdnf5::sack::QueryCmp::GLOB);
    by_dir |= below;
    by_dir |= by_provides;
    for (const auto & p : by_dir)
        push(out, package_of(p, LP_CONTENTS_PATHS));
}

/*
 * Prints the flagged lines on stderr, before dnf5's table; the others go to
 * dnf5's log only, so a supported update stays quiet. Either way the rpm
 * plugin of this process is told, and logs them at debug level only.
 */
void show_lines(libdnf5::Base & base, lp_plugin_run & run) {
    auto show = [&base](char * line, bool flagged) {
        char * safe = line ? lp_escaped(line) : nullptr;
        if (safe && flagged)
            std::fprintf(stderr, "%s\n", safe);
        else if (safe)
            base.get_logger()->info("{}", safe);
        if (line)
            lp_plugin_mark_shown(line);
        std::free(safe);
        std::free(line);
    };
    for (const auto & d : run.outcome.decisions)
        if (d.verdict != LP_NOT_APPLICABLE)
            show(lp_report_decision_line(&d), d.flagged);
    for (size_t i = 0; i < run.outcome.nproblems; i++)
        show(lp_report_problem_line(run.outcome.problems[i]), true);
    run.phase = LP_RUN_SHOWN;
}

/* One run per resolved transaction, released however the judging ends: nothing outlives it. */
struct ScopedRun {
    lp_plugin_run run{};
    ~ScopedRun() { lp_plugin_run_release(&run); }
};

class Lpcheck final : public libdnf5::plugin::IPlugin2_1 {
public:
    Lpcheck(libdnf5::plugin::IPluginData & data, libdnf5::ConfigParser &) : IPlugin2_1(data) {}

    libdnf5::PluginAPIVersion get_api_version() const noexcept override { return REQUIRED_PLUGIN_API_VERSION; }
    const char * get_name() const noexcept override { return PLUGIN_NAME; }
    libdnf5::plugin::Version get_version() const noexcept override { return PLUGIN_VERSION; }
    const char * const * get_attributes() const noexcept override { return attrs; }
    const char * get_attribute(const char * name) const noexcept override {
        for (size_t i = 0; attrs[i]; ++i)
            if (std::strcmp(name, attrs[i]) == 0)
                return attrs_value[i];
        return nullptr;
    }

    void goal_resolved(const libdnf5::base::Transaction & transaction) override;

private:
    bool read_transaction(const libdnf5::base::Transaction & transaction, lp_plugin_run & run);
    bool judge(const libdnf5::base::Transaction & transaction, lp_plugin_run & run);
};

/* The live patch packages the transaction adds and removes, and the unseen ones; false when none. */
bool Lpcheck::read_transaction(const libdnf5::base::Transaction & transaction, lp_plugin_run & run) {
    bool filelists = get_base().get_config().get_optional_metadata_types_option().get_value().contains(
        libdnf5::METADATA_TYPE_FILELISTS);
    for (const auto & tp : transaction.get_transaction_packages()) {
        auto action = tp.get_action();
        const auto & p = tp.get_package();
        if (libdnf5::transaction::transaction_item_action_is_inbound(action))
            push(run.added, package_of(p, contents_of(p, false, filelists)));
        else if (libdnf5::transaction::transaction_item_action_is_outbound(action))
            push(run.removed, package_of(p, LP_CONTENTS_PATHS));
    }
    return run.added.n + run.removed.n > 0;
}

/* Judges the transaction (its cfg read) and shows the lines; true when enforce mode must stop it. */
bool Lpcheck::judge(const libdnf5::base::Transaction & transaction, lp_plugin_run & run) {
    auto & base = get_base();
    bool concerns[LP_NCOMPONENTS];

    if (!read_transaction(transaction, run))
        return false; /* an ordinary transaction: nothing to say */
    /* the removed packages are among the installed ones: the model takes them out by NEVRA */
    lp_transaction t{};
    t.purpose = LP_PURPOSE_TRANSACTION;
    t.added = lp_pkglist_set(&run.added);
    t.removed = lp_pkglist_set(&run.removed);
    if (!lp_transaction_concerns(&t, concerns))
        return false;
    read_installed(base, run.installed);
    run.root = strdup(base.get_config().get_installroot_option().get_value().c_str());
    if (run.root == nullptr || !lp_plugin_run_judge_lists(&run, concerns))
        throw std::bad_alloc();
    show_lines(base, run);
    if (run.blocked)
        lp_plugin_run_write_report(&run, "blocked");
    return run.blocked;
}

/*
 * Every resolved transaction afresh: the configuration read through the
 * rpm plugins' own reader (the off switches included), the host probed, the
 * lines shown marked for this transaction only; a Base reused for several
 * transactions (dnf5daemon) sees every change in between.
 */
void Lpcheck::goal_resolved(const libdnf5::base::Transaction & transaction) {
    ScopedRun scoped;
    lp_plugin_run & run = scoped.run;
    bool block = false;

    lp_plugin_forget_shown(); /* lines of a transaction resolved earlier but never run */
    if (!lp_plugin_config_read(&run.cfg))
        return; /* off */
    try {
        block = judge(transaction, run);
    } catch (const std::exception & ex) {
        /* fail open, as the rpm plugin does: one line, and dnf5 goes on */
        std::fprintf(stderr, "lpcheck: all: internal-error: %s; not checked\n", ex.what());
        return;
    }
    if (block) {
        size_t n = run.outcome.nflagged;
        throw std::runtime_error(
            "lpcheck: all: blocked: " + std::to_string(n) + (n == 1 ? " problem" : " problems") +
            "; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it "
            "through); 'lpcheck status' shows this again");
    }
}

}  // namespace

extern "C" {

libdnf5::PluginAPIVersion libdnf_plugin_get_api_version(void) {
    return REQUIRED_PLUGIN_API_VERSION;
}

const char * libdnf_plugin_get_name(void) {
    return PLUGIN_NAME;
}

libdnf5::plugin::Version libdnf_plugin_get_version(void) {
    return PLUGIN_VERSION;
}

libdnf5::plugin::IPlugin * libdnf_plugin_new_instance(
    [[maybe_unused]] libdnf5::LibraryVersion library_version,
    libdnf5::plugin::IPluginData & data,
    libdnf5::ConfigParser & parser) try {
    return new Lpcheck(data, parser);
} catch (...) {
    last_exception = std::current_exception();
    return nullptr;
}

void libdnf_plugin_delete_instance(libdnf5::plugin::IPlugin * plugin_instance) {
    delete plugin_instance;
}

std::exception_ptr * libdnf_plugin_get_last_exception(void) {
    return &last_exception;
}
}
