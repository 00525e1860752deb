#pragma once

#include <map>
#include <string>
#include <vector>

#include "rota/util/diagnostics.hpp"

namespace rota {

// One Curtois & Qu shift scheduling instance in its plain-text format
// (shared/benchmarks/curtois/README.md): day 0 is a Monday, all lengths in
// minutes, ids as in the file.
struct NrpInstance {
  struct Shift {
    std::string id;
    int minutes = 0;
    std::vector<std::string> forbidden_next;
  };
  struct Staff {
    std::string id;
    std::map<std::string, int> max_shifts;
    int max_total_minutes = 0;
    int min_total_minutes = 0;
    int max_consecutive = 0;
    int min_consecutive = 0;
    int min_consecutive_days_off = 0;
    int max_weekends = 0;
  };
  struct ShiftRequest {
    std::string staff;
    int day = 0;
    std::string shift;
    int weight = 0;
  };
  struct Cover {
    int day = 0;
    std::string shift;
    int requirement = 0;
    int weight_under = 0;
    int weight_over = 0;
  };

  std::string name;  // file name without directory or extension
  int days = 0;
  std::vector<Shift> shifts;
  std::vector<Staff> staff;
  std::map<std::string, std::vector<int>> days_off;
  std::vector<ShiftRequest> on_requests;
  std::vector<ShiftRequest> off_requests;
  std::vector<Cover> cover;
};

// Parses the text of an instance; problems are recorded with file, line and
// section as the key.
NrpInstance parse_nrp_instance(const std::string& text, const std::string& path, Diagnostics& diags);
NrpInstance read_nrp_instance(const std::string& path, Diagnostics& diags);

// The instance as a rota program and roster (SPEC.md sections 2 and 3):
// horizon from 2024-01-01 (a Monday) in UTC, ACGME rules off, the staff
// limits as per-person limits, days off as `unavailable`, shift-on/off
// requests as requests, cover lines as coverage targets. `nrp import`
// writes these files and `nrp score` checks against them.
std::string nrp_program_yaml(const NrpInstance& instance);
std::string nrp_roster_yaml(const NrpInstance& instance);

}  // namespace rota
