import Foundation
@testable import LookoutApp
import Testing

@Suite("LRS address and credentials")
struct LRSAddressTests {
    @Test("the statements address: /xAPI and /xAPI/statements both work; credentials, queries and other schemes are refused")
    func statementsURL() {
        #expect(LRSClient.statementsURL(for: "https://LRS.Example.org/xAPI")?.absoluteString == "https://lrs.example.org/xAPI/statements")
        #expect(LRSClient.statementsURL(for: "https://lrs.example.org/xAPI/")?.absoluteString == "https://lrs.example.org/xAPI/statements")
        #expect(LRSClient.statementsURL(for: "http://127.0.0.1:8100/xAPI/statements")?.absoluteString == "http://127.0.0.1:8100/xAPI/statements")
        #expect(LRSClient.statementsURL(for: "https://lrs.example.org")?.absoluteString == "https://lrs.example.org/statements")
        #expect(LRSClient.statementsURL(for: "https://user:pw@lrs.example.org/xAPI") == nil)
        #expect(LRSClient.statementsURL(for: "https://lrs.example.org/xAPI?token=1") == nil)
        #expect(LRSClient.statementsURL(for: "ftp://lrs.example.org/xAPI") == nil)
        #expect(LRSClient.statementsURL(for: "lrs.example.org/xAPI") == nil)
    }

    @Test("credentials: user:password becomes HTTP basic; a full header value is kept; anything else is refused")
    func authorization() {
        #expect(LRSClient.authorization(from: "lookout:s3cret\n") == "Basic " + Data("lookout:s3cret".utf8).base64EncodedString())
        #expect(LRSClient.authorization(from: "\n  user:pass:with:colons  \r\n") == "Basic " + Data("user:pass:with:colons".utf8).base64EncodedString())
        #expect(LRSClient.authorization(from: "Bearer abc.def") == "Bearer abc.def")
        #expect(LRSClient.authorization(from: "Basic bG9va291dDpzM2NyZXQ=") == "Basic bG9va291dDpzM2NyZXQ=")
        #expect(LRSClient.authorization(from: "no-colon-here") == nil)
        #expect(LRSClient.authorization(from: ":password-without-user") == nil)
        #expect(LRSClient.authorization(from: "\n\n") == nil)
    }
}
