/// What is wrong with a stored agent calibration, or why none could be made.
public enum BaselineProblem: Error, Equatable, Sendable {
    /// The file is not a JSON object.
    case notJSON
    /// A field of the calibration is missing.
    case missingField(String)
    /// A field holds something other than a number.
    case notANumber(String)
    /// The numbers cannot be a voice's (a tempo or pitch range of 0 or less, NaN).
    case outOfRange
    /// The recording or capture held too little calm speech to learn from.
    case tooLittleSpeech
}
