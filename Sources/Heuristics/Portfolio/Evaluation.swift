import Dispatch
import Foundation
import PlacementModel

/// What one member gave: a ranked result (with its host count), a note why it was left out, or
/// nothing (no placement).
enum Evaluation {
    case ranked(Portfolio.RankKey, SolveResult, Int)
    case discarded(String)
    case none
}
