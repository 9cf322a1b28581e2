import Foundation
import VMPlaceCommands

exit(VMPlace.main(arguments: Array(CommandLine.arguments.dropFirst())))
