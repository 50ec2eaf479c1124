package jp.tobira.application.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import jp.tobira.Fixtures;
import jp.tobira.application.ApplicationContent;
import jp.tobira.validation.InvalidInput;

class ContentFormTests {

	final ContentForm form = new ContentForm(Fixtures.JSON);

	@Test
	void readsRowsByTheirPathAndDropsEmptyOnes() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("reserves.asOf", "2026-10-31");
		fields.put("reserves.assets[0].assetClass", "CASH");
		fields.put("reserves.assets[0].amount", "150000000.00");
		fields.put("reserves.assets[0].currency", "USD");
		fields.put("reserves.assets[1].assetClass", "GOVERNMENT_BILL");
		fields.put("reserves.assets[1].amount", "700000000.00");
		fields.put("reserves.assets[1].maturity", "2027-01-28");
		fields.put("reserves.assets[2].custodian", "");
		fields.put("_csrf", "x");
		fields.put("action", "add");
		ObjectNode tree = form.merge(ApplicationContent.empty(), "reserves", fields);
		assertThat(tree.at("/reserves/assets").size()).isEqualTo(2);
		ApplicationContent content = form.read(tree);
		assertThat(content.reserves().assets()).hasSize(2);
		assertThat(content.reserves().total()).isEqualByComparingTo("850000000.00");
		assertThat(content.reserves().assets()).extracting(ApplicationContent.ReserveAsset::currency)
			.containsExactly("USD", null);
	}

	@Test
	void namesTheFieldOfAValueOfTheWrongForm() {
		ObjectNode tree = form.merge(ApplicationContent.empty(), "token", Map.of("token.outstandingSupply", "lots"));
		assertThatThrownBy(() -> form.read(tree)).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("token.outstandingSupply");
	}

}
