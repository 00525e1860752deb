#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "rota/util/suggest.hpp"
#include "yaml_fields.hpp"

namespace rota {

namespace {

using yaml::Context;
using yaml::Map;

class RosterParser {
 public:
  RosterParser(Context& ctx, const Program& program) : ctx_(ctx), program_(program) {}

  Roster parse(const YAML::Node& root, bool shared_with_program) {
    std::vector<std::string> allowed = roster_table_names();
    if (shared_with_program)
      for (const char* k : {"program", "timezone", "horizon", "shifts", "coverage",
                            "forbidden_successions", "rules", "objective", "solver"})
        allowed.emplace_back(k);
    Map top(ctx_, root, "", allowed);
    if (!top.ok()) return roster_;
    if (!top.has("residents")) {
      ctx_.error(root, "residents",
                 shared_with_program ? "no residents in the program file; give --roster FILE"
                                     : "missing required key");
      return roster_;
    }
    each(top, "residents", {"id", "name", "pgy", "max_shifts", "min_hours", "max_hours",
                            "min_consecutive", "max_consecutive", "min_days_off_run", "max_weekends"},
         [&](const Map& m, const YAML::Node& item) { resident(m, item); });
    each(top, "rotations", {"resident", "rotation", "from", "to"}, [&](const Map& m, const YAML::Node&) {
      RotationSpan r;
      auto who = resident_ref(m);
      auto name = m.string("rotation", true);
      auto span = date_span(m);
      if (who && name && span) roster_.rotations.push_back({*who, *name, span->first, span->second});
    });
    each(top, "leave", {"resident", "from", "to", "type"}, [&](const Map& m, const YAML::Node&) {
      auto who = resident_ref(m);
      auto span = date_span(m);
      LeaveType type = LeaveType::vacation;
      if (auto t = m.string("type")) {
        if (auto lt = parse_leave_type(*t)) type = *lt;
        else {
          ctx_.error(*m.find("type"), m.path("type"),
                     fmt::format("unknown leave type '{}'{}; types: vacation, sick, conference, "
                                 "parental, other", *t, did_you_mean(*t, leave_type_names())));
          return;
        }
      }
      if (who && span) roster_.leave.push_back({*who, span->first, span->second, type});
    });
    each(top, "unavailable", {"resident", "date"}, [&](const Map& m, const YAML::Node&) {
      auto who = resident_ref(m);
      auto d = m.date("date", true);
      if (who && d) roster_.unavailable.push_back({*who, *d});
    });
    each(top, "requests", {"resident", "date", "shift", "off", "weight"},
         [&](const Map& m, const YAML::Node&) { request(m); });
    each(top, "fixed", {"resident", "date", "shift"}, [&](const Map& m, const YAML::Node&) {
      if (auto row = dated_shift(m)) roster_.fixed.push_back(*row);
    });
    each(top, "history", {"resident", "date", "shift"}, [&](const Map& m, const YAML::Node&) {
      if (auto* s = m.find("shift"); s && s->IsScalar() && is_day_off_word(s->Scalar())) return;  // a day off
      auto row = dated_shift(m);
      if (!row) return;
      if (row->date >= program_.horizon_start) {
        ctx_.error(*m.find("date"), m.path("date"),
                   fmt::format("history date {} is not before the horizon start {}",
                               format_date(row->date), format_date(program_.horizon_start)));
        return;
      }
      roster_.history.push_back(*row);
    });
    std::stable_sort(roster_.rotations.begin(), roster_.rotations.end(),
                     [](const RotationSpan& a, const RotationSpan& b) {
                       return a.resident != b.resident ? a.resident < b.resident : a.from < b.from;
                     });
    return roster_;
  }

 private:
  template <typename Fn>
  void each(const Map& top, const std::string& table, std::vector<std::string> columns, Fn fn) {
    const YAML::Node* list = top.find(table);
    if (!list || list->IsNull()) return;
    if (!list->IsSequence()) {
      ctx_.error(*list, table, fmt::format("expected a list of rows, found {}", yaml::describe_type(*list)));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const YAML::Node item = (*list)[i];
      Map m(ctx_, item, fmt::format("{}[{}]", table, i), columns);
      if (m.ok()) fn(m, item);
    }
  }

  void resident(const Map& m, const YAML::Node& item) {
    Resident r;
    r.where = ctx_.at(item);
    auto id = m.string("id", true);
    if (id) {
      if (id->empty() || id->find_first_of(",\"") != std::string::npos)
        ctx_.error(*m.find("id"), m.path("id"), fmt::format("'{}' cannot be a resident id", *id));
      else if (index_.count(*id))
        ctx_.error(*m.find("id"), m.path("id"),
                   fmt::format("duplicate resident id '{}' (first at line {})", *id,
                               roster_.residents[index_[*id]].where.line));
      r.id = *id;
    }
    r.name = m.string("name").value_or(r.id);
    r.pgy = static_cast<int>(m.integer("pgy", true, 1, 10).value_or(1));
    PersonLimits& l = r.limits;
    if (auto* n = m.find("max_shifts")) l.max_shifts = max_shifts(*n, m.path("max_shifts"));
    l.min_hours = m.number("min_hours");
    l.max_hours = m.number("max_hours");
    auto count = [&](const char* key) -> std::optional<int> {
      auto v = m.integer(key, false, 0, 3660);
      return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    };
    l.min_consecutive = count("min_consecutive");
    l.max_consecutive = count("max_consecutive");
    l.min_days_off_run = count("min_days_off_run");
    l.max_weekends = count("max_weekends");
    if (!id || index_.count(*id)) return;
    index_[r.id] = static_cast<int>(roster_.residents.size());
    roster_.residents.push_back(std::move(r));
  }

  // A mapping {WD: 5} or the CSV spelling "WD=5|WN=3".
  std::map<int, int> max_shifts(const YAML::Node& n, const std::string& path) {
    std::map<int, int> out;
    auto add = [&](const YAML::Node& at, const std::string& shift, const std::string& count) {
      auto idx = program_.shift_index(shift);
      if (!idx) {
        ctx_.error(at, path, fmt::format("unknown shift '{}'{}", shift,
                                         did_you_mean(shift, program_.shift_ids())));
        return;
      }
      char* end = nullptr;
      long v = std::strtol(count.c_str(), &end, 10);
      if (count.empty() || *end != '\0' || v < 0) {
        ctx_.error(at, path, fmt::format("expected a count for shift '{}', found '{}'", shift, count));
        return;
      }
      if (!out.emplace(*idx, static_cast<int>(v)).second)
        ctx_.error(at, path, fmt::format("duplicate key: shift '{}' is given twice", shift));
    };
    if (n.IsMap()) {
      for (auto it = n.begin(); it != n.end(); ++it)
        add(it->first, it->first.Scalar(), it->second.IsScalar() ? it->second.Scalar() : "");
    } else if (n.IsScalar()) {
      std::string text = n.Scalar();
      std::size_t pos = 0;
      while (pos <= text.size()) {
        std::size_t bar = text.find('|', pos);
        std::string part = text.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
        auto eq = part.find('=');
        if (eq == std::string::npos) ctx_.error(n, path, fmt::format("expected SHIFT=N, found '{}'", part));
        else add(n, part.substr(0, eq), part.substr(eq + 1));
        if (bar == std::string::npos) break;
        pos = bar + 1;
      }
    } else {
      ctx_.error(n, path, "expected a mapping shift: count or WD=5|WN=3");
    }
    return out;
  }

  std::optional<int> resident_ref(const Map& m) {
    auto id = m.string("resident", true);
    if (!id) return std::nullopt;
    auto it = index_.find(*id);
    if (it == index_.end()) {
      ctx_.error(*m.find("resident"), m.path("resident"),
                 fmt::format("unknown resident '{}'{}", *id, did_you_mean(*id, roster_.resident_ids())));
      return std::nullopt;
    }
    return it->second;
  }

  std::optional<int> shift_ref(const Map& m, bool required) {
    auto id = m.string("shift", required);
    if (!id) return std::nullopt;
    auto idx = program_.shift_index(*id);
    if (!idx)
      ctx_.error(*m.find("shift"), m.path("shift"),
                 fmt::format("unknown shift '{}'{}", *id, did_you_mean(*id, program_.shift_ids())));
    return idx;
  }

  std::optional<std::pair<Date, Date>> date_span(const Map& m) {
    auto from = m.date("from", true);
    auto to = m.date("to", true);
    if (!from || !to) return std::nullopt;
    if (*to < *from) {
      ctx_.error(*m.find("to"), m.path("to"),
                 fmt::format("'to' {} is before 'from' {}", format_date(*to), format_date(*from)));
      return std::nullopt;
    }
    return std::make_pair(*from, *to);
  }

  std::optional<DatedShift> dated_shift(const Map& m) {
    auto who = resident_ref(m);
    auto d = m.date("date", true);
    auto s = shift_ref(m, true);
    if (!who || !d || !s) return std::nullopt;
    return DatedShift{*who, *d, *s};
  }

  void request(const Map& m) {
    Request r;
    auto who = resident_ref(m);
    auto d = m.date("date", true);
    bool ok = who && d;
    if (auto id = m.string("shift"); id && !is_day_off_word(*id)) {
      r.shift = shift_ref(m, false);
      ok = ok && r.shift;
    } else if (id) {
      r.off = true;  // shift: OFF = off: true with no shift
    }
    if (auto off = m.boolean("off")) r.off = r.off || *off;
    else if (m.has("off")) ok = false;
    if (!r.shift && !r.off) {
      ctx_.error(m.node(), m.path("shift"), "a request needs a shift, off: true, or both");
      ok = false;
    }
    auto w = m.integer("weight", false, 1, 1'000'000);
    if (m.has("weight") && !w) ok = false;
    r.weight = static_cast<int>(w.value_or(1));
    if (!ok) return;
    r.resident = *who;
    r.date = *d;
    roster_.requests.push_back(r);
  }

  Context& ctx_;
  const Program& program_;
  Roster roster_;
  std::unordered_map<std::string, int> index_;
};

class YamlRosterSource : public RosterSource {
 public:
  YamlRosterSource(std::string path, bool shared) : path_(std::move(path)), shared_(shared) {}

  Roster load(const Program& program, Diagnostics& diags) const override {
    Context ctx{path_, diags};
    YAML::Node root = yaml::load_file(ctx, path_);
    if (!root.IsDefined()) return Roster{};
    return RosterParser(ctx, program).parse(root, shared_);
  }

 private:
  std::string path_;
  bool shared_;
};

}  // namespace

std::unique_ptr<RosterSource> yaml_roster_source(std::string path, bool shared_with_program) {
  return std::make_unique<YamlRosterSource>(std::move(path), shared_with_program);
}

Roster parse_roster_yaml(const std::string& text, const std::string& path, const Program& program,
                         Diagnostics& diags) {
  Context ctx{path, diags};
  YAML::Node root = yaml::load_text(ctx, text);
  if (!root.IsDefined()) return Roster{};
  return RosterParser(ctx, program).parse(root, true);
}

}  // namespace rota
