//===- Checkers.h - The checkers of the nginx package -----------*- C++ -*-===//
//
// Register and should-register functions of each checker, defined in the
// checker's own file and listed once in Registration.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_CHECKERS_H
#define NGX_POOL_CHECK_CHECKERS_H

namespace clang {
namespace ento {
class CheckerManager;
} // namespace ento
} // namespace clang

namespace ngx_pool_check {

/// Bug categories, as scan-build and the driver group findings.
namespace category {
inline constexpr const char NginxMemory[] = "nginx pool memory";
inline constexpr const char NginxResource[] = "nginx resource lifetime";
} // namespace category

struct CheckerDoc;

#define NGX_PC_CHECKER(Name)                                                   \
  void register##Name(clang::ento::CheckerManager &Mgr);                       \
  bool shouldRegister##Name(const clang::ento::CheckerManager &Mgr);
NGX_PC_CHECKER(NginxAPIModeling)
NGX_PC_CHECKER(PoolLifetimeChecker)
NGX_PC_CHECKER(ResourceLeakChecker)
NGX_PC_CHECKER(PfreeChecker)
NGX_PC_CHECKER(CyclePoolChecker)
NGX_PC_CHECKER(RequestEscapeChecker)
NGX_PC_CHECKER(TimerLifetimeChecker)
NGX_PC_CHECKER(PoolLeakChecker)
#undef NGX_PC_CHECKER

/// Each reporting checker's documentation, defined next to its code.
extern const CheckerDoc PoolLifetimeDoc;
extern const CheckerDoc ResourceLeakDoc;
extern const CheckerDoc PfreeDoc;
extern const CheckerDoc CyclePoolDoc;
extern const CheckerDoc RequestEscapeDoc;
extern const CheckerDoc TimerLifetimeDoc;
extern const CheckerDoc PoolLeakDoc;

} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_CHECKERS_H
