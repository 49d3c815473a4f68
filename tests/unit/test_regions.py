from ingest.extract.regions import Region, locate


def test_region_from_the_department_name():
    assert locate("中共岳阳市君山区委办公室") == Region("湖南省", "岳阳市", "君山区")
    assert locate("上海市普陀区财政局") == Region("上海市", "上海市", "普陀区")
    assert locate("中共江苏省委办公厅") == Region("江苏省", None, None)
    assert locate("临沧市云县财政局") == Region("云南省", "临沧市", "云县")
    assert locate("中共峨边彝族自治县委办公室") == Region(None, None, "峨边彝族自治县")


def test_province_implied_by_the_text_when_the_name_has_none():
    text = "根据《湖南省预算绩效管理工作规程（试行）的通知》等有关文件精神"
    assert locate("沅江市委办公室", text) == Region("湖南省", None, "沅江市")
    assert locate("沅江市委办公室", "") == Region(None, None, "沅江市")
