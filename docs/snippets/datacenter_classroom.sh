pip install "factorylab[datacenter]"   # the embedded broker (amqtt) and the PostgreSQL driver
factorylab datacenter collect --embedded-broker --db sqlite:///class-3-2.sqlite
factorylab classroom --lines 30 --uplink mqtt://127.0.0.1:1883 --site our-school
