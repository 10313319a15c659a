import TallyConfiguration

/// Why a station's configuration could not be read; the station and central share the one error type.
public typealias StationConfigurationError = ConfigurationError
