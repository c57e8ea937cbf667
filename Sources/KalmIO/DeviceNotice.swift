/// What a live session tells the user about a capture device while it runs.
public enum DeviceNotice: Sendable, Equatable {
    /// The device stopped delivering (unplugged, driver gone); it is being reopened.
    case lost(device: String, reason: String)
    /// The device is back after `seconds` away; the gap is in the log.
    case back(device: String, seconds: Double)
    /// The stereo device's two channels carry one signal (``OneSignalTest``) over the first
    /// `seconds` of sound: the customer's channel is a copy of the agent's.
    case oneSignal(device: String, seconds: Double)
    /// The device delivers far faster than real time (it has no clock, as ALSA's `file`
    /// plugin over `null`): kalm waits for the analysis instead of dropping audio.
    case unclocked(device: String)
}
