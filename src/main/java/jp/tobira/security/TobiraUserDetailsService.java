package jp.tobira.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class TobiraUserDetailsService implements UserDetailsService {

	private final Users users;

	TobiraUserDetailsService(Users users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException(username));
	}

}
