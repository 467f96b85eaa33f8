import LookoutCore
import LookoutText

/// The few texts only the browser front end needs (buttons and pages a terminal does not have). Everything else comes
/// from the trainer's catalog (``UIStrings``), so a browser and a terminal say the same thing. The Khmer entries are
/// a draft, like the Khmer catalog; a text without Khmer is shown in English, marked `lang="en"`.
enum ServeText: String, CaseIterable, Sendable {
    case quickExit
    case enterName
    case startLesson
    case restartLesson
    case resumeLesson
    case noScript
    case staleTitle
    case staleBody
    case expiredTitle
    case expiredBody
    case forbiddenTitle
    case forbiddenBody
    case notFoundTitle
    case notFoundBody
    case tooLargeTitle
    case tooLargeBody
    case badFormTitle
    case badFormBody
    case goOn
    case facilitatorOnlyHere
    case facilitatorNotSet
    case projector
    case open
    case joinTitle
    case joinBody
    case joinLabel
    case joinWrong
    case joinWait
    case busyTitle
    case busyBody
    case helpWeb1
    case helpWeb2
    case helpWeb3
    case helpWeb4
    case learnerFailed

    var english: String {
        switch self {
        case .quickExit: return "Quick exit"
        case .enterName: return "Type your name (and your PIN if you chose one)."
        case .startLesson: return "Start"
        case .restartLesson: return "Start again"
        case .resumeLesson: return "Continue where I left off"
        case .noScript: return "Everything here works without JavaScript."
        case .staleTitle: return "This page was out of date"
        case .staleBody: return "It was sent from an older page (another tab, the Back button, or a page sent twice). Nothing was saved from it, and nothing was saved twice. The current page follows the link below."
        case .expiredTitle: return "Back at the start"
        case .expiredBody: return "This browser was away for a while, or used the quick exit, so Lookout went back to the start. Every answer given is saved."
        case .forbiddenTitle: return "Not accepted"
        case .forbiddenBody: return "This form did not come from this Lookout page (its security token did not match), so nothing was done. Open Lookout again from the link below."
        case .notFoundTitle: return "Not found"
        case .notFoundBody: return "There is no such page, lesson or scene here. Nothing was changed."
        case .tooLargeTitle: return "Too much text"
        case .tooLargeBody: return "The form sent more than 64 KiB, so it was refused and nothing was saved."
        case .badFormTitle: return "The form could not be read"
        case .badFormBody: return "Something in the form was missing or malformed, so nothing was saved."
        case .goOn: return "Go to the current page"
        case .facilitatorOnlyHere: return "The class results open only on the laptop that runs Lookout (http://127.0.0.1), never over the network."
        case .facilitatorNotSet: return "No facilitator passphrase is set yet. On this laptop, run: lookout facilitator set-passphrase"
        case .projector: return "Projector view (anonymous debrief)"
        case .open: return "Open"
        case .joinTitle: return "Join the class"
        case .joinBody: return "Type the join code your facilitator shows."
        case .joinLabel: return "Join code"
        case .joinWrong: return "That code is not right."
        case .joinWait: return "Too many wrong codes from this device: wait {seconds} s and try again."
        case .busyTitle: return "Too many people at once"
        case .busyBody: return "This Lookout has as many learners as it can take. Try again in a minute."
        case .helpWeb1: return "Tick every warning sign you see (there may be none), then press Submit. For a question with round buttons, choose one."
        case .helpWeb2: return "Every answer is saved as soon as you submit it. Leaving a lesson keeps your answers; it picks up where you left it."
        case .helpWeb3: return "Quick exit (the button at the top, or Esc twice) replaces this page with a neutral one and forgets this browser's session. Your answers stay saved."
        case .helpWeb4: return "On a shared computer, close the browser when you are done."
        case .learnerFailed: return "That did not work:"
        }
    }

    /// Draft Khmer, in the words the Khmer catalog already uses where it has them.
    var khmer: String? {
        switch self {
        case .quickExit: return "ចេញ​ភ្លាម"
        default: return nil
        }
    }

    /// The text in `language`, and whether it had to fall back to English.
    func text(_ language: UILanguage) -> (text: String, english: Bool) {
        if language == .khmer, let khmer { return (khmer, false) }
        return (english, language != .english)
    }
}
